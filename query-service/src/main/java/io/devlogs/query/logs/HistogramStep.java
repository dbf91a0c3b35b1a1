package io.devlogs.query.logs;

import java.time.Duration;
import java.util.List;

/** Chooses a histogram's bucket size: the smallest sensible step giving at most about N buckets. */
public final class HistogramStep {
  public static final int DEFAULT_BUCKETS = 60;
  public static final int MIN_BUCKETS = 10;
  public static final int MAX_BUCKETS = 500;

  /** 1s, 5s, 10s, 30s, 1m, 5m, 10m, 15m, 30m, 1h, 3h, 6h, 12h, 1d. */
  static final List<Duration> STEPS =
      List.of(
          Duration.ofSeconds(1),
          Duration.ofSeconds(5),
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(10),
          Duration.ofMinutes(15),
          Duration.ofMinutes(30),
          Duration.ofHours(1),
          Duration.ofHours(3),
          Duration.ofHours(6),
          Duration.ofHours(12),
          Duration.ofDays(1));

  private HistogramStep() {}

  /**
   * The smallest step whose buckets over {@code range} number at most {@code buckets}; one day for
   * ranges so long that even days are more (at most 32 buckets: ranges end at 31 days).
   */
  public static Duration choose(Duration range, int buckets) {
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets must be positive, was " + buckets);
    }
    for (Duration step : STEPS) {
      if (step.multipliedBy(buckets).compareTo(range) >= 0) {
        return step;
      }
    }
    return STEPS.get(STEPS.size() - 1);
  }
}
