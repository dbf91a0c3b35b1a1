package io.devlogs.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyBucketsTest {

  @Test
  void relativeErrorIsAboutOnePercent() {
    assertThat(LatencyBuckets.RELATIVE_ERROR).isBetween(0.0099, 0.0100);
  }

  @Test
  void bucketLayoutIsFixed() {
    assertThat(LatencyBuckets.bucketOf(0)).isZero();
    assertThat(LatencyBuckets.bucketValue(0)).isZero();
    assertThat(LatencyBuckets.bucketOf(0.0001)).isEqualTo(1); // below 1 µs
    assertThat(LatencyBuckets.bucketOf(0.001)).isEqualTo(1);
    assertThat(LatencyBuckets.bucketOf(0.00102)).isEqualTo(2);
    assertThat(LatencyBuckets.bucketOf(1)).isEqualTo(349); // 1 + floor(ln(1000) / ln(1.02))
    assertThat(LatencyBuckets.bucketOf(1e12)).isEqualTo(LatencyBuckets.MAX_BUCKET);
    for (double v : new double[] {0.001, 0.5, 1, 17.3, 999.9, 60_000, 3_600_000}) {
      assertThat(LatencyBuckets.bucketValue(LatencyBuckets.bucketOf(v)))
          .isCloseTo(v, within(v * LatencyBuckets.RELATIVE_ERROR * (1 + 1e-9)));
    }
  }

  @Test
  void percentileIsTheBucketOfTheNearestRankClampedToMinAndMax() {
    // 10 ms x3, 100 ms x6, 1000 ms x1
    int[] ids = {
      LatencyBuckets.bucketOf(10), LatencyBuckets.bucketOf(100), LatencyBuckets.bucketOf(1000)
    };
    long[] counts = {3, 6, 1};
    assertThat(LatencyBuckets.percentile(ids, counts, 10, 10, 1000, 0)).isEqualTo(10);
    assertThat(LatencyBuckets.percentile(ids, counts, 10, 10, 1000, 0.3))
        .isCloseTo(10, within(10 * LatencyBuckets.RELATIVE_ERROR));
    assertThat(LatencyBuckets.percentile(ids, counts, 10, 10, 1000, 0.31))
        .isCloseTo(100, within(100 * LatencyBuckets.RELATIVE_ERROR));
    assertThat(LatencyBuckets.percentile(ids, counts, 10, 10, 1000, 0.9))
        .isCloseTo(100, within(100 * LatencyBuckets.RELATIVE_ERROR));
    assertThat(LatencyBuckets.percentile(ids, counts, 10, 10, 1000, 0.91)).isEqualTo(1000);
    assertThat(LatencyBuckets.percentile(new int[0], new long[0], 0, 0, 0, 0.5)).isZero();
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> LatencyBuckets.percentile(new int[] {1}, new long[] {1}, 1, 1, 1, 2))
        .hasMessageContaining("[0, 1]");
    assertThatThrownBy(() -> LatencyBuckets.percentile(new int[] {1}, new long[0], 1, 1, 1, 0.5))
        .hasMessageContaining("differ in length");
    assertThatThrownBy(() -> LatencyBuckets.checkBucket(5000)).hasMessageContaining("outside");
  }
}
