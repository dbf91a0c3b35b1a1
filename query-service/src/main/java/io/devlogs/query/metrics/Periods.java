package io.devlogs.query.metrics;

import io.devlogs.query.records.TimeRange;
import java.time.Instant;

/**
 * The whole periods of a granularity that a time range touches: from {@code from} rounded down to
 * {@code to} rounded up. A metrics point always covers a whole period, so the first and last points
 * of a range that does not start or end on a boundary count the whole period.
 */
public record Periods(Granularity granularity, Instant first, long count) {

  public static Periods covering(TimeRange range, Granularity granularity) {
    Instant first = granularity.floor(range.from());
    Instant end = granularity.ceil(range.to());
    return new Periods(
        granularity,
        first,
        (end.getEpochSecond() - first.getEpochSecond()) / granularity.seconds());
  }

  /** The start of period {@code index} (0-based). */
  public Instant start(long index) {
    return first.plusSeconds(index * granularity.seconds());
  }

  /** The end (exclusive) of the last period. */
  public Instant end() {
    return start(count);
  }
}
