package io.devlogs.flink.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.devlogs.latency.LatencyBuckets;
import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  private static final double[] QUANTILES = {0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1};

  /** The nearest-rank percentile of sorted values: rank ceil(q * n), at least 1. */
  private static double exact(double[] sorted, double q) {
    int rank = (int) Math.max(1, Math.ceil(q * sorted.length));
    return sorted[rank - 1];
  }

  private static void assertAccurate(DoubleSupplier values, int n, long seed) {
    double[] data = new double[n];
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < n; i++) {
      data[i] = values.getAsDouble();
      assertThat(h.add(data[i])).isTrue();
    }
    Arrays.sort(data);
    for (double q : QUANTILES) {
      double want = exact(data, q);
      double got = h.percentile(q);
      assertThat(Math.abs(got - want))
          .as("seed %d, n %d, q %s: got %s, exact %s", seed, n, q, got, want)
          .isLessThanOrEqualTo(want * LatencyBuckets.RELATIVE_ERROR * (1 + 1e-9) + 1e-12);
    }
    assertThat(h.count()).isEqualTo(n);
    assertThat(h.min()).isEqualTo(data[0]);
    assertThat(h.max()).isEqualTo(data[n - 1]);
    assertThat(h.sum()).isCloseTo(Arrays.stream(data).sum(), within(1e-6 * h.sum() + 1e-9));
  }

  @Test
  void percentilesAreWithinOnePercentOfExactValuesOnRandomData() {
    for (long seed = 1; seed <= 20; seed++) {
      Random r = new Random(seed);
      int n = 1 + r.nextInt(5000);
      // log-normal around 50 ms: typical request latencies with a long tail
      assertAccurate(() -> Math.exp(Math.log(50) + 1.2 * r.nextGaussian()), n, seed);
      // uniform over six orders of magnitude, including sub-millisecond
      assertAccurate(() -> Math.pow(10, -2 + 6 * r.nextDouble()), n, seed);
      // integer milliseconds with many ties and zeros
      assertAccurate(() -> r.nextInt(200), n, seed);
    }
  }

  @Test
  void mergedHistogramEqualsOneHistogramOfAllValues() {
    Random r = new Random(7);
    LatencyHistogram all = new LatencyHistogram();
    LatencyHistogram[] parts = new LatencyHistogram[5];
    for (int p = 0; p < parts.length; p++) {
      parts[p] = new LatencyHistogram();
    }
    for (int i = 0; i < 10_000; i++) {
      double v = Math.floor(Math.exp(Math.log(20) + r.nextGaussian()) * 1000) / 1000;
      all.add(v);
      parts[r.nextInt(parts.length)].add(v);
    }
    LatencyHistogram merged = new LatencyHistogram();
    merged.merge(new LatencyHistogram()); // empty merges are no-ops
    for (LatencyHistogram p : parts) {
      merged.merge(p);
    }
    assertThat(merged.bucketIds()).isEqualTo(all.bucketIds());
    assertThat(merged.bucketCounts()).isEqualTo(all.bucketCounts());
    assertThat(merged.count()).isEqualTo(all.count());
    assertThat(merged.min()).isEqualTo(all.min());
    assertThat(merged.max()).isEqualTo(all.max());
    assertThat(merged.sum()).isCloseTo(all.sum(), within(1e-6));
    for (double q : QUANTILES) {
      assertThat(merged.percentile(q)).isEqualTo(all.percentile(q));
    }
    // and rebuilt from stored buckets (what an hour query does)
    LatencyHistogram stored =
        LatencyHistogram.of(
            all.bucketIds(), all.bucketCounts(), all.count(), all.sum(), all.min(), all.max());
    assertThat(stored).isEqualTo(all);
  }

  @Test
  void sparseBucketsStayOrderedAndCompact() {
    LatencyHistogram h = new LatencyHistogram();
    for (double v : new double[] {500, 1, 1, 0, 40, 500}) {
      h.add(v);
    }
    assertThat(h.bucketIds()).isSorted().hasSize(4);
    assertThat(h.bucketCounts()).containsExactly(1, 2, 1, 2);
    assertThat(h.percentile(0.5)).isCloseTo(1, within(0.01));
    assertThat(h.percentile(1)).isEqualTo(500);
    assertThat(h.percentile(0)).isEqualTo(0);
  }

  @Test
  void invalidValuesAreIgnoredAndEmptyReadsZero() {
    LatencyHistogram h = new LatencyHistogram();
    assertThat(h.add(-1)).isFalse();
    assertThat(h.add(Double.NaN)).isFalse();
    assertThat(h.add(Double.POSITIVE_INFINITY)).isFalse();
    assertThat(h.count()).isZero();
    assertThat(h.percentile(0.99)).isZero();
    assertThatThrownBy(() -> h.percentile(1.5)).hasMessageContaining("[0, 1]");
    assertThatThrownBy(() -> LatencyHistogram.of(new int[] {1}, new long[0], 1, 1, 1, 1))
        .hasMessageContaining("differ in length");
    assertThatThrownBy(() -> LatencyHistogram.of(new int[] {5000}, new long[] {1}, 1, 1, 1, 1))
        .hasMessageContaining("outside");
  }
}
