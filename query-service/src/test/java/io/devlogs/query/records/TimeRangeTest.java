package io.devlogs.query.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TimeRangeTest {
  @Test
  void utcDaysCoverEveryTouchedDateOldestFirst() {
    TimeRange range =
        new TimeRange(Instant.parse("2024-02-28T23:00:00Z"), Instant.parse("2024-03-01T00:00:01Z"));
    assertThat(range.utcDays())
        .containsExactly(
            LocalDate.parse("2024-02-28"),
            LocalDate.parse("2024-02-29"),
            LocalDate.parse("2024-03-01"));
  }

  @Test
  void exclusiveEndAtMidnightDoesNotTouchTheNextDay() {
    TimeRange range =
        new TimeRange(Instant.parse("2024-05-01T10:00:00Z"), Instant.parse("2024-05-02T00:00:00Z"));
    assertThat(range.utcDays()).containsExactly(LocalDate.parse("2024-05-01"));
  }

  @Test
  void rejectsEmptyRange() {
    Instant t = Instant.parse("2024-05-01T10:00:00Z");
    assertThatThrownBy(() -> new TimeRange(t, t)).isInstanceOf(IllegalArgumentException.class);
  }
}
