package io.devlogs.query.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.query.records.LogEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DayPartitionsTest {
  private static List<LogEvent> events(String day, int n) {
    return IntStream.range(0, n)
        .mapToObj(
            i ->
                new LogEvent(
                    day + "-" + i,
                    Instant.parse(day + "T00:00:00Z").plusSeconds(i),
                    "INFO",
                    "svc",
                    "s",
                    "m",
                    Map.of()))
        .toList();
  }

  @Test
  void readsDaysInOrderAndStopsAtTheLimit() {
    List<LocalDate> days =
        List.of(
            LocalDate.parse("2024-05-01"),
            LocalDate.parse("2024-05-02"),
            LocalDate.parse("2024-05-03"));
    List<String> asked = new ArrayList<>();
    List<LogEvent> result =
        DayPartitions.collect(
            days,
            5,
            (day, remaining) -> {
              asked.add(day + ":" + remaining);
              return events(day.toString(), Math.min(3, remaining));
            });
    assertThat(asked).containsExactly("2024-05-01:5", "2024-05-02:2");
    assertThat(result)
        .extracting(LogEvent::id)
        .containsExactly(
            "2024-05-01-0", "2024-05-01-1", "2024-05-01-2", "2024-05-02-0", "2024-05-02-1");
  }

  @Test
  void neverReturnsMoreThanTheLimitEvenIfAFetchOverdelivers() {
    List<LogEvent> result =
        DayPartitions.collect(
            List.of(LocalDate.parse("2024-05-01")), 2, (day, remaining) -> events("2024-05-01", 9));
    assertThat(result).hasSize(2);
  }
}
