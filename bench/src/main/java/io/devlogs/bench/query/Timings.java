package io.devlogs.bench.query;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The latencies and result sizes of a probe's measured runs; nearest-rank percentiles. */
record Timings(int runs, int failures, long[] sortedNanos, double meanSize, String firstError) {

  static Timings of(List<Probe.Sample> samples) {
    long[] nanos =
        samples.stream().filter(Probe.Sample::ok).mapToLong(Probe.Sample::nanos).toArray();
    Arrays.sort(nanos);
    double meanSize =
        samples.stream().filter(Probe.Sample::ok).mapToLong(Probe.Sample::size).average().orElse(0);
    String firstError =
        samples.stream().map(Probe.Sample::error).filter(Objects::nonNull).findFirst().orElse(null);
    return new Timings(samples.size(), samples.size() - nanos.length, nanos, meanSize, firstError);
  }

  boolean anySucceeded() {
    return sortedNanos.length > 0;
  }

  /** The nearest-rank percentile {@code q} in [0, 1] of the successful runs, in milliseconds. */
  double millis(double q) {
    if (q < 0 || q > 1) {
      throw new IllegalArgumentException("percentile must be in [0, 1], got " + q);
    }
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.max(1, Math.ceil(q * sortedNanos.length));
    return sortedNanos[rank - 1] / 1e6;
  }
}
