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
          new SummedLatency(total, all[0], all[all.length - 1], total, rankBuckets(summed, total));
      for (Quantile quantile : Quantile.values()) {
        double q = quantile.q();
        double exact = nearestRank(all, q);
        assertThat(hour.percentile(quantile))
            .as("seed %d q %s", seed, q)
            .isCloseTo(exact, within(exact * LatencyBuckets.RELATIVE_ERROR * (1 + 1e-9)));
      }
    }
  }

  /** What the SQL of {@link ClickHouseWindowTotals} finds: the first bucket reaching each rank. */
  private static int[] rankBuckets(Map<Integer, Long> summed, long total) {
    int[] buckets = new int[Quantile.values().length];
    for (Quantile quantile : Quantile.values()) {
      long rank = LatencyBuckets.rank(total, quantile.q());
      long running = 0;
      for (Map.Entry<Integer, Long> bucket : summed.entrySet()) {
        running += bucket.getValue();
        if (running >= rank) {
          buckets[quantile.ordinal()] = bucket.getKey();
          break;
        }
      }
    }
    return buckets;
  }

  @Test
  void noDurationsMeansNullPercentiles() {
    assertThat(SummedLatency.EMPTY.percentile(Quantile.P50)).isNull();
    assertThat(new SummedLatency(2, 0, 0, 2, new int[] {0, 0, 0}).percentile(Quantile.P99))
        .isZero();
  }

  @Test
  void bucketsHoldingFewerDurationsThanTheCountAnswerTheMaximum() {
    SummedLatency partial = new SummedLatency(100, 1, 500, 10, new int[] {0, 0, 0});
    assertThat(partial.percentile(Quantile.P50)).isEqualTo(500);
  }
}
