package io.devlogs.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One {@link Rate}'s token buckets, one per key (an API key, a project). A limiter that checks
 * several of them takes its tokens with {@link #takeAll}: from every bucket involved, or, if one
 * holds too few, from none, so a refused request costs nothing.
 *
 * <p>Thread-safe without a lock shared by every request: {@link #takeAll} locks only the buckets it
 * claims, in the order of its claims (a limiter claims its limits in one fixed order, so two
 * requests never wait on each other's locks in opposite orders). A lock over all buckets made every
 * request of a process queue on it: under a crowd of 1,000 dashboard users on 2 cores the query
 * service's threads waited 143 s for it in 25 s, as its holder kept losing the CPU.
 *
 * <p>Memory is bounded: at most about {@code maxKeys} buckets are kept (Caffeine's size bound keeps
 * the frequently used ones). A dropped key starts again with a full bucket, which is what an idle
 * key would have anyway; only a key active while more than {@code maxKeys} others are active can
 * gain one extra burst.
 */
public final class KeyedBuckets {

  /** Tokens to take from one key's bucket of one {@link KeyedBuckets}. */
  public record Claim(KeyedBuckets buckets, String key, long cost) {}

  /**
   * Why {@link #takeAll} took nothing.
   *
   * @param claim the index of the first claim whose bucket held too few tokens
   * @param waitNanos how long until that bucket holds enough
   */
  public record Refusal(int claim, long waitNanos) {}

  private final Rate rate;
  private final Cache<String, TokenBucket> buckets;

  public KeyedBuckets(Rate rate, int maxKeys) {
    if (maxKeys <= 0) {
      throw new IllegalArgumentException("maxKeys must be positive, was " + maxKeys);
    }
    this.rate = rate;
    // Evictions run on the calling thread: the bound holds when a call returns.
    this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).executor(Runnable::run).build();
  }

  public Rate rate() {
    return rate;
  }

  /**
   * Takes each claim's tokens if every claimed bucket holds enough now, else takes none.
   *
   * @return empty when the tokens were taken, else the first claim that could not be met
   */
  public static Optional<Refusal> takeAll(List<Claim> claims, long nowNanos) {
    List<TokenBucket> held = new ArrayList<>(claims.size());
    try {
      for (Claim claim : claims) {
        TokenBucket bucket = claim.buckets().bucket(claim.key(), nowNanos);
        bucket.lock();
        held.add(bucket);
      }
      for (int i = 0; i < claims.size(); i++) {
        long wait = held.get(i).nanosUntilAvailable(claims.get(i).cost(), nowNanos);
        if (wait > 0) {
          return Optional.of(new Refusal(i, wait));
        }
      }
      for (int i = 0; i < claims.size(); i++) {
        held.get(i).take(claims.get(i).cost());
      }
      return Optional.empty();
    } finally {
      for (int i = held.size() - 1; i >= 0; i--) {
        held.get(i).unlock();
      }
    }
  }

  private TokenBucket bucket(String key, long nowNanos) {
    return buckets.get(key, k -> new TokenBucket(rate, nowNanos));
  }

  /** How many keys have buckets now. */
  public long size() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }

  /** A wait as whole seconds for {@code Retry-After}: rounded up, at least 1. */
  public static long retryAfterSeconds(long waitNanos) {
    return Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
  }
}
