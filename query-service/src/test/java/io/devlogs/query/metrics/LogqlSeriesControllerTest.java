package io.devlogs.query.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogqlSeriesControllerTest {
  @Test
  void theDefaultStepIsTheSmallestUsualOneWithAtMost200Points() {
    assertThat(LogqlSeriesController.defaultStep(Duration.ofMinutes(1)))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(LogqlSeriesController.defaultStep(Duration.ofMinutes(15)))
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(LogqlSeriesController.defaultStep(Duration.ofHours(1)))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(LogqlSeriesController.defaultStep(Duration.ofHours(24)))
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(LogqlSeriesController.defaultStep(Duration.ofDays(31)))
        .isEqualTo(Duration.ofHours(6));
    assertThat(LogqlSeriesController.defaultStep(Duration.ofDays(400)))
        .isEqualTo(Duration.ofDays(1));
  }

  @Test
  void theStartIsFromRoundedDownToAWholeStep() {
    assertThat(
            LogqlSeriesController.alignedStart(
                Instant.parse("2024-05-01T10:07:42.5Z"), Duration.ofMinutes(5).toNanos()))
        .isEqualTo(Instant.parse("2024-05-01T10:05:00Z"));
    assertThat(
            LogqlSeriesController.alignedStart(
                Instant.parse("2024-05-01T10:05:00Z"), Duration.ofMinutes(5).toNanos()))
        .isEqualTo(Instant.parse("2024-05-01T10:05:00Z"));
  }
}
