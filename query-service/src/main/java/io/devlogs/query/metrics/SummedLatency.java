package io.devlogs.query.metrics;

import io.devlogs.latency.LatencyBuckets;

/**
 * The latency histogram of a period, summed from minute windows bucket by bucket ({@code sumMap}),
 * with the exact count, minimum and maximum of its durations. Percentiles read from it are those of
 * one histogram over all the period's durations, not averages of minute percentiles.
 */
public record SummedLatency(
    int[] bucketIds, long[] bucketCounts, long count, double min, double max) {

  public static final SummedLatency EMPTY = new SummedLatency(new int[0], new long[0], 0, 0, 0);

  public SummedLatency {
    if (bucketIds.length != bucketCounts.length) {
      throw new IllegalArgumentException(
          "bucket ids and counts differ in length: "
              + bucketIds.length
              + " vs "
              + bucketCounts.length);
    }
    bucketIds = bucketIds.clone();
    bucketCounts = bucketCounts.clone();
  }

  /** The nearest-rank percentile {@code q} in milliseconds, or null without durations. */
  public Double percentile(double q) {
    if (count == 0) {
      return null;
    }
    return LatencyBuckets.percentile(bucketIds, bucketCounts, count, min, max, q);
  }
}
