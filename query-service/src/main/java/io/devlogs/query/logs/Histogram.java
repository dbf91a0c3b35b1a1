package io.devlogs.query.logs;

import io.devlogs.query.records.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/logs/histogram}'s answer: matches and errors per bucket, oldest first. */
public record Histogram(long intervalSeconds, List<Bucket> buckets) {
  public Histogram {
    buckets = List.copyOf(buckets);
  }

  /** One bucket {@code [start, start + interval)}; {@code errors} counts ERROR and FATAL. */
  public record Bucket(Instant start, long count, long errors) {}

  /** Counts of one bucket as read from the store. */
  public record Counts(long events, long errors) {}

  /**
   * Every bucket of the range, aligned to the epoch (days start at 00:00 UTC), with the counts of
   * {@code countsByStart} (epoch seconds of a bucket's start) and zeros elsewhere. The first and
   * last buckets may reach outside the range; they count only matches inside it.
   */
  public static Histogram zeroFilled(
      TimeRange range, Duration step, Map<Long, Counts> countsByStart) {
    long seconds = step.toSeconds();
    long first = Math.floorDiv(range.from().getEpochSecond(), seconds) * seconds;
    // to is exclusive: the last bucket holds the last nanosecond before it.
    long last = Math.floorDiv(range.to().minusNanos(1).getEpochSecond(), seconds) * seconds;
    List<Bucket> buckets = new ArrayList<>();
    for (long start = first; start <= last; start += seconds) {
      Counts counts = countsByStart.getOrDefault(start, new Counts(0, 0));
      buckets.add(new Bucket(Instant.ofEpochSecond(start), counts.events(), counts.errors()));
    }
    return new Histogram(seconds, buckets);
  }
}
