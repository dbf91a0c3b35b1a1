package io.devlogs.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void nearestRankOfOneToOneHundredIsTheRankItself() {
    List<Long> values = new ArrayList<>(LongStream.rangeClosed(1, 100).boxed().toList());
    Collections.shuffle(values);

    assertThat(Percentiles.of(values)).isEqualTo(new Percentiles(100, 50, 95, 99));
  }

  @Test
  void aFewValuesGiveMeasuredValuesNotInterpolatedOnes() {
    // ranks: p50 -> ceil(2.5) = 3rd, p95 and p99 -> 5th
    assertThat(Percentiles.of(List.of(900L, 100L, 300L, 200L, 5000L)))
        .isEqualTo(new Percentiles(5, 300, 5000, 5000));
    assertThat(Percentiles.of(List.of(42L))).isEqualTo(new Percentiles(1, 42, 42, 42));
  }

  @Test
  void noValuesIsNone() {
    assertThat(Percentiles.of(List.of())).isEqualTo(Percentiles.NONE);
  }

  @Test
  void aPercentileOutsideTheRangeIsNamed() {
    assertThatThrownBy(() -> Percentiles.rank(new long[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("percentile must be in (0, 100], was 0.0");
  }
}
