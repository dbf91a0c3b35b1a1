package io.devlogs.limits;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@link Rate}'s token buckets, one per key (an API key, a project), for a limiter that checks
 * several of them before taking from any: {@link #waitNanos} first on every bucket involved, then
 * {@link #take} on each, so a refused request costs nothing.
 *
 * <p>Memory is bounded: at most {@code maxKeys} buckets are kept, the least recently used is
 * dropped first. A dropped key starts again with a full bucket, which is what an idle key would
 * have anyway; only a key active while more than {@code maxKeys} others are active can gain one
 * extra burst. Not thread-safe: the limiter holds one lock over all its buckets.
 */
public final class KeyedBuckets {

  private final Rate rate;
  private final Map<String, TokenBucket> buckets;

  public KeyedBuckets(Rate rate, int maxKeys) {
    if (maxKeys <= 0) {
      throw new IllegalArgumentException("maxKeys must be positive, was " + maxKeys);
    }
    this.rate = rate;
    this.buckets =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
            return size() > maxKeys;
          }
        };
  }

  public Rate rate() {
    return rate;
  }

  /** Nanoseconds until the key's bucket holds {@code cost} tokens; 0 if it does now. */
  public long waitNanos(String key, long cost, long nowNanos) {
    return buckets
        .computeIfAbsent(key, k -> new TokenBucket(rate, nowNanos))
        .nanosUntilAvailable(cost, nowNanos);
  }

  /** Takes {@code cost} tokens; call only after {@link #waitNanos} returned 0 for this key. */
  public void take(String key, long cost, long nowNanos) {
    buckets.computeIfAbsent(key, k -> new TokenBucket(rate, nowNanos)).take(cost);
  }

  /** How many keys have buckets now. */
  public int size() {
    return buckets.size();
  }

  /** A wait as whole seconds for {@code Retry-After}: rounded up, at least 1. */
  public static long retryAfterSeconds(long waitNanos) {
    return Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
  }
}
