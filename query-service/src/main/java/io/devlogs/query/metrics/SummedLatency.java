package io.devlogs.query.metrics;

import io.devlogs.latency.LatencyBuckets;
import java.util.Arrays;

/**
 * The latency of a period, summed from minute windows: the exact count, minimum and maximum of its
 * durations, the count its summed histogram holds, and for each {@link Quantile} the bucket that
 * holds its rank, found by ClickHouse over the histogram summed bucket by bucket ({@code sumMap}).
 * Percentiles read from it are those of one histogram over all the period's durations, not averages
 * of minute percentiles.
 *
 * @param rankBuckets indexed by {@link Quantile#ordinal()}
 */
public record SummedLatency(
    long count, double min, double max, long bucketTotal, int[] rankBuckets) {

  public static final SummedLatency EMPTY =
      new SummedLatency(0, 0, 0, 0, new int[Quantile.values().length]);

  public SummedLatency {
    if (rankBuckets.length != Quantile.values().length) {
      throw new IllegalArgumentException(
          "one rank bucket per quantile expected, got " + Arrays.toString(rankBuckets));
    }
    rankBuckets = rankBuckets.clone();
  }

  /** The nearest-rank percentile in milliseconds, or null without durations. */
  public Double percentile(Quantile quantile) {
    if (count == 0) {
      return null;
    }
    return LatencyBuckets.percentile(
        rankBuckets[quantile.ordinal()], bucketTotal, count, min, max, quantile.q());
  }
}
