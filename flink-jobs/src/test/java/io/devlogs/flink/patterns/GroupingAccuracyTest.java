package io.devlogs.flink.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupingAccuracyTest {

  @Test
  void aLineIsRightOnlyWhenItsGroupIsExactlyItsTruesGroup() {
    assertThat(GroupingAccuracy.of(List.of("a", "a", "b"), List.of("x", "x", "y"))).isEqualTo(1.0);
    // merged: x and y in one group, all three wrong
    assertThat(GroupingAccuracy.of(List.of("a", "a", "a"), List.of("x", "x", "y"))).isEqualTo(0.0);
    // split: x in two groups, both wrong; y right
    assertThat(GroupingAccuracy.of(List.of("a", "b", "c"), List.of("x", "x", "y")))
        .isEqualTo(1.0 / 3);
  }
}
