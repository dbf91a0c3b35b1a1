package io.devlogs.ingest.limits;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Token buckets per key, one for events and one for bytes. A request passes only if both buckets
 * hold enough tokens, and then takes from both, so a refused request costs nothing.
 *
 * <p>Memory is bounded: at most {@link RateLimits#maxKeys()} keys are kept, the least recently used
 * is dropped first. A dropped key starts again with a full bucket, which is what an idle key would
 * have anyway; only a key active while more than {@code maxKeys} others are active can gain one
 * extra burst. Thread-safe (one lock; a check is a few hash-map operations).
 */
public final class RateLimiter {

  private final RateLimits limits;
  private final LongSupplier nanoTime;
  private final Map<String, Buckets> buckets;

  private record Buckets(TokenBucket events, TokenBucket bytes) {}

  public RateLimiter(RateLimits limits) {
    this(limits, System::nanoTime);
  }

  /** For tests: a fake clock in nanoseconds. */
  public RateLimiter(RateLimits limits, LongSupplier nanoTime) {
    this.limits = limits;
    this.nanoTime = nanoTime;
    this.buckets =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Buckets> eldest) {
            return size() > limits.maxKeys();
          }
        };
  }

  /**
   * Takes {@code events} and {@code bytes} tokens from the key's buckets if both hold enough.
   *
   * @return empty if the request may pass, else the first limit it exceeds
   */
  public synchronized Optional<RateLimitExceeded> tryAcquire(String key, long events, long bytes) {
    if (limits.events() == null && limits.bytes() == null) {
      return Optional.empty();
    }
    long now = nanoTime.getAsLong();
    Buckets keyBuckets =
        buckets.computeIfAbsent(
            key,
            k ->
                new Buckets(
                    limits.events() == null ? null : new TokenBucket(limits.events(), now),
                    limits.bytes() == null ? null : new TokenBucket(limits.bytes(), now)));
    Optional<RateLimitExceeded> exceeded =
        check("events_per_second", limits.events(), keyBuckets.events(), events, now)
            .or(() -> check("bytes_per_second", limits.bytes(), keyBuckets.bytes(), bytes, now));
    if (exceeded.isEmpty()) {
      if (keyBuckets.events() != null) {
        keyBuckets.events().take(events);
      }
      if (keyBuckets.bytes() != null) {
        keyBuckets.bytes().take(bytes);
      }
    }
    return exceeded;
  }

  private static Optional<RateLimitExceeded> check(
      String name, Rate rate, TokenBucket bucket, long cost, long now) {
    if (bucket == null) {
      return Optional.empty();
    }
    if (cost > rate.burst()) {
      return Optional.of(new RateLimitExceeded(name, rate, cost, 0));
    }
    long waitNanos = bucket.nanosUntilAvailable(cost, now);
    if (waitNanos == 0) {
      return Optional.empty();
    }
    long seconds = Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / 1_000_000_000L);
    return Optional.of(new RateLimitExceeded(name, rate, cost, seconds));
  }

  /** How many keys have buckets now (for tests and metrics). */
  public synchronized int trackedKeys() {
    return buckets.size();
  }
}
