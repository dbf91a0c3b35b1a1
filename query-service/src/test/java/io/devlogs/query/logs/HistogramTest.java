package io.devlogs.query.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.query.records.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistogramTest {
  @Test
  void stepIsTheSmallestSensibleOneGivingAtMostTheAskedBuckets() {
    assertThat(HistogramStep.choose(Duration.ofHours(1), 60)).isEqualTo(Duration.ofMinutes(1));
    assertThat(HistogramStep.choose(Duration.ofHours(1), 61)).isEqualTo(Duration.ofMinutes(1));
    assertThat(HistogramStep.choose(Duration.ofHours(1), 59)).isEqualTo(Duration.ofMinutes(5));
    assertThat(HistogramStep.choose(Duration.ofMinutes(1), 60)).isEqualTo(Duration.ofSeconds(1));
    assertThat(HistogramStep.choose(Duration.ofMinutes(15), 60)).isEqualTo(Duration.ofSeconds(30));
    assertThat(HistogramStep.choose(Duration.ofHours(24), 60)).isEqualTo(Duration.ofMinutes(30));
    assertThat(HistogramStep.choose(Duration.ofHours(24), 10)).isEqualTo(Duration.ofHours(3));
    assertThat(HistogramStep.choose(Duration.ofDays(7), 60)).isEqualTo(Duration.ofHours(3));
    assertThat(HistogramStep.choose(Duration.ofDays(31), 10)).isEqualTo(Duration.ofDays(1));
    assertThat(HistogramStep.choose(Duration.ofDays(31), 500)).isEqualTo(Duration.ofHours(3));
    assertThat(HistogramStep.choose(Duration.ofMillis(10), 10)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void everyStepOfTheListCanBeChosen() {
    for (Duration step : HistogramStep.STEPS) {
      assertThat(HistogramStep.choose(step.multipliedBy(40), 40)).isEqualTo(step);
    }
  }

  @Test
  void zeroFilledCoversTheRangeWithEpochAlignedBucketsOldestFirst() {
    TimeRange range =
        new TimeRange(Instant.parse("2024-05-01T10:02:30Z"), Instant.parse("2024-05-01T10:10:00Z"));
    long at0405 = Instant.parse("2024-05-01T10:04:00Z").getEpochSecond();
    Histogram histogram =
        Histogram.zeroFilled(
            range, Duration.ofMinutes(2), Map.of(at0405, new Histogram.Counts(7, 2)));
    assertThat(histogram.intervalSeconds()).isEqualTo(120);
    assertThat(histogram.buckets())
        .extracting(b -> b.start().toString())
        .containsExactly(
            "2024-05-01T10:02:00Z",
            "2024-05-01T10:04:00Z",
            "2024-05-01T10:06:00Z",
            "2024-05-01T10:08:00Z");
    assertThat(histogram.buckets().get(1))
        .isEqualTo(new Histogram.Bucket(Instant.parse("2024-05-01T10:04:00Z"), 7, 2));
    assertThat(histogram.buckets().get(0).count()).isZero();
    assertThat(histogram.buckets().get(3).errors()).isZero();
  }

  @Test
  void dayBucketsStartAtUtcMidnight() {
    TimeRange range =
        new TimeRange(
            Instant.parse("2024-05-01T10:00:00Z"), Instant.parse("2024-05-03T00:00:00.000000001Z"));
    assertThat(Histogram.zeroFilled(range, Duration.ofDays(1), Map.of()).buckets())
        .extracting(b -> b.start().toString())
        .containsExactly("2024-05-01T00:00:00Z", "2024-05-02T00:00:00Z", "2024-05-03T00:00:00Z");
  }
}
