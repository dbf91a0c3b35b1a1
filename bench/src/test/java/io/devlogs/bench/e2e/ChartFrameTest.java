package io.devlogs.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChartFrameTest {

  @Test
  void axesEndAtTheNextRoundNumber() {
    assertThat(ChartFrame.niceCeiling(105)).isEqualTo(120);
    assertThat(ChartFrame.niceCeiling(4000)).isEqualTo(4000);
    assertThat(ChartFrame.niceCeiling(4001)).isEqualTo(5000);
    assertThat(ChartFrame.niceCeiling(0.7)).isEqualTo(0.8);
    assertThat(ChartFrame.niceCeiling(0)).as("an empty chart still has an axis").isEqualTo(1);
  }

  @Test
  void largeTickLabelsAreInThousands() {
    assertThat(ChartFrame.format(20_000)).isEqualTo("20k");
    assertThat(ChartFrame.format(2_500)).isEqualTo("2500");
    assertThat(ChartFrame.format(0.5)).isEqualTo("0.5");
  }
}
