package io.devlogs.query.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.devlogs.latency.LatencyBuckets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Percentiles of an hour summed from minute buckets (what {@code sumMap} does in ClickHouse) are
 * those of all the hour's durations: within the layout's relative error of the brute-force
 * nearest-rank value, unlike an average of minute percentiles.
 */
class SummedLatencyTest {
  private static final double[] QUANTILES = {0.5, 0.95, 0.99};

  private static double nearestRank(double[] sorted, double q) {
    int rank = (int) Math.max(1, Math.ceil(q * sorted.length));
    return sorted[rank - 1];
  }

  @Test
  void percentilesOfSummedMinuteBucketsMatchBruteForce() {
    for (long seed = 1; seed <= 10; seed++) {
      Random random = new Random(seed);
      int minutes = 60;
      double[][] perMinute = new double[minutes][];
      Map<Integer, Long> summed = new TreeMap<>();
      int total = 0;
      for (int m = 0; m < minutes; m++) {
        // Minutes differ a lot: most fast, a few slow, so averaging minute p99s would be far off.
        boolean slow = random.nextInt(10) == 0;
        perMinute[m] = new double[1 + random.nextInt(200)];
        for (int i = 0; i < perMinute[m].length; i++) {
          double v = Math.exp(Math.log(slow ? 800 : 20) + 0.8 * random.nextGaussian());
          perMinute[m][i] = v;
          summed.merge(LatencyBuckets.bucketOf(v), 1L, Long::sum);
        }
        total += perMinute[m].length;
      }
      double[] all = Arrays.stream(perMinute).flatMapToDouble(Arrays::stream).sorted().toArray();
      assertThat(all).hasSize(total);
      SummedLatency hour =
          new SummedLatency(
              summed.keySet().stream().mapToInt(Integer::intValue).toArray(),
              summed.values().stream().mapToLong(Long::longValue).toArray(),
              total,
              all[0],
              all[all.length - 1]);
      for (double q : QUANTILES) {
        double exact = nearestRank(all, q);
        assertThat(hour.percentile(q))
            .as("seed %d q %s", seed, q)
            .isCloseTo(exact, within(exact * LatencyBuckets.RELATIVE_ERROR * (1 + 1e-9)));
      }
    }
  }

  @Test
  void noDurationsMeansNullPercentiles() {
    assertThat(SummedLatency.EMPTY.percentile(0.5)).isNull();
    assertThat(new SummedLatency(new int[] {0}, new long[] {2}, 2, 0, 0).percentile(0.99)).isZero();
  }
}
