package io.devlogs.ingest.limits;

import io.devlogs.limits.KeyedBuckets;
import io.devlogs.limits.Rate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Token buckets for events and bytes, per key and per project. A request passes only if every
 * bucket it draws from holds enough tokens, and then takes from all of them, so a refused request
 * costs nothing. The project's buckets bound what all of its keys send together: minting more keys
 * does not multiply a project's rate.
 *
 * <p>Memory is bounded by {@link RateLimits#maxKeys()} per limit ({@link KeyedBuckets}).
 * Thread-safe; requests of different keys and projects do not wait on each other.
 */
public final class RateLimiter {

  private final LongSupplier nanoTime;
  private final List<Limit> limits = new ArrayList<>();

  /** One limit: its name for clients, its buckets and whether it is keyed by project. */
  private record Limit(String name, KeyedBuckets buckets, boolean perProject, boolean bytes) {}

  public RateLimiter(RateLimits limits) {
    this(limits, System::nanoTime);
  }

  /** For tests: a fake clock in nanoseconds. */
  public RateLimiter(RateLimits rateLimits, LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    add("events_per_second", rateLimits.events(), rateLimits.maxKeys(), false, false);
    add("bytes_per_second", rateLimits.bytes(), rateLimits.maxKeys(), false, true);
    add("project_events_per_second", rateLimits.projectEvents(), rateLimits.maxKeys(), true, false);
    add("project_bytes_per_second", rateLimits.projectBytes(), rateLimits.maxKeys(), true, true);
  }

  private void add(String name, Rate rate, int maxKeys, boolean perProject, boolean bytes) {
    if (rate != null) {
      limits.add(new Limit(name, new KeyedBuckets(rate, maxKeys), perProject, bytes));
    }
  }

  /**
   * Takes {@code events} and {@code bytes} tokens from the buckets of {@code key} and of {@code
   * projectId} if all of them hold enough.
   *
   * @return empty if the request may pass, else the first limit it exceeds
   */
  public Optional<RateLimitExceeded> tryAcquire(
      String key, String projectId, long events, long bytes) {
    List<KeyedBuckets.Claim> claims = new ArrayList<>(limits.size());
    for (Limit limit : limits) {
      long cost = limit.bytes() ? bytes : events;
      Rate rate = limit.buckets().rate();
      if (cost > rate.burst()) {
        return Optional.of(new RateLimitExceeded(limit.name(), rate, cost, 0));
      }
      claims.add(
          new KeyedBuckets.Claim(limit.buckets(), limit.perProject() ? projectId : key, cost));
    }
    return KeyedBuckets.takeAll(claims, nanoTime.getAsLong())
        .map(
            refusal -> {
              Limit limit = limits.get(refusal.claim());
              return new RateLimitExceeded(
                  limit.name(),
                  limit.buckets().rate(),
                  claims.get(refusal.claim()).cost(),
                  KeyedBuckets.retryAfterSeconds(refusal.waitNanos()));
            });
  }

  /**
   * How many keys have buckets of the per-key events or bytes limit now (for tests and metrics).
   */
  public long trackedKeys() {
    return limits.stream()
        .filter(limit -> !limit.perProject())
        .mapToLong(limit -> limit.buckets().size())
        .max()
        .orElse(0);
  }
}
