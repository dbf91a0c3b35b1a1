package io.devlogs.query.metrics;

import java.time.Instant;
import java.util.Objects;

/** The summed minute windows of one period and one series key (a service or a level). */
public record PeriodTotals(
    String key, Instant start, long events, long errors, SummedLatency latency) {

  public PeriodTotals {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(latency, "latency");
  }

  /** Errors (ERROR and FATAL) per event, 0 without events. */
  public double errorRate() {
    return events == 0 ? 0 : (double) errors / events;
  }
}
