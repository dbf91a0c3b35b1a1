package io.devlogs.limits;

import java.time.Duration;
import java.util.Objects;

/**
 * A sustained rate and the burst allowed above it: a caller may spend {@code burst} at once, then
 * {@code amount} every {@code period}.
 */
public record Rate(long amount, Duration period, long burst) {
  public Rate {
    Objects.requireNonNull(period, "period");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("a rate's period must be positive, was " + period);
    }
    if (amount <= 0) {
      throw new IllegalArgumentException(
          "a rate must be positive, was " + amount + " per " + unit(period));
    }
    if (burst < amount) {
      throw new IllegalArgumentException(
          "the burst ("
              + burst
              + ") must be at least the rate per "
              + unit(period)
              + " ("
              + amount
              + ")");
    }
  }

  /** {@code perSecond} every second, {@code burst} at once. */
  public Rate(long perSecond, long burst) {
    this(perSecond, Duration.ofSeconds(1), burst);
  }

  /** {@code amount} a minute, at most one minute's worth at once. */
  public static Rate perMinute(long amount) {
    return new Rate(amount, Duration.ofMinutes(1), amount);
  }

  /** The period's name for messages: {@code second}, {@code minute} or an ISO duration. */
  public String unit() {
    return unit(period);
  }

  double perNano() {
    return amount / (double) period.toNanos();
  }

  private static String unit(Duration period) {
    if (period.equals(Duration.ofSeconds(1))) {
      return "second";
    }
    return period.equals(Duration.ofMinutes(1)) ? "minute" : period.toString();
  }
}
