package io.devlogs.bench.e2e;

import java.util.Collection;

/**
 * Latency percentiles by the nearest-rank method: the p-th percentile of n sorted values is the
 * value at rank ceil(p/100 * n), so it is always one of the measured values, never interpolated.
 *
 * @param count how many values
 * @param p50 the median, in milliseconds
 * @param p95 the 95th percentile
 * @param p99 the 99th percentile
 */
public record Percentiles(int count, long p50, long p95, long p99) {

  /** No values: count 0, every percentile -1. */
  public static final Percentiles NONE = new Percentiles(0, -1, -1, -1);

  public static Percentiles of(Collection<Long> values) {
    if (values.isEmpty()) {
      return NONE;
    }
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99));
  }

  static long rank(long[] sorted, double percentile) {
    if (!(percentile > 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], was " + percentile);
    }
    int rank = (int) Math.ceil(percentile / 100 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }
}
