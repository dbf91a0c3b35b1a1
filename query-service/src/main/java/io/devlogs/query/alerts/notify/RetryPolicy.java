package io.devlogs.query.alerts.notify;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How often and how patiently a notification is retried: {@code attempts} in all; before attempt
 * {@code n} (from 2) a wait of {@code base * 2^(n-2)}, capped at {@code max}, of which a random
 * half is jitter, so receivers that failed together are not all retried at the same instant.
 */
public record RetryPolicy(int attempts, Duration base, Duration max) {
  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
    }
    if (base.isNegative() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 <= base <= max, was " + base + ", " + max);
    }
  }

  /**
   * The wait before attempt {@code attempt} (2 or more): between half and all of the capped
   * exponential delay; {@code random} yields values in [0, 1).
   */
  public Duration delayBefore(int attempt, DoubleSupplier random) {
    if (attempt < 2) {
      throw new IllegalArgumentException("the first attempt is not delayed");
    }
    long exponential = base.toMillis() << Math.min(attempt - 2, 30);
    if (exponential < 0 || exponential > max.toMillis()) {
      exponential = max.toMillis();
    }
    long half = exponential / 2;
    return Duration.ofMillis(half + (long) (random.getAsDouble() * (exponential - half)));
  }
}
