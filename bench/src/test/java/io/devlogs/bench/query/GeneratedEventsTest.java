package io.devlogs.bench.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratedEventsTest {

  private static final Instant FROM = Instant.parse("2026-11-20T00:00:00Z");

  @Test
  void eventsAreParsedByTheJobAndSpreadInOrderOverTheSpan() {
    List<LogEvent> events = generate(2_000, 3);

    long previous = Long.MIN_VALUE;
    Set<Level> levels = EnumSet.noneOf(Level.class);
    for (LogEvent e : events) {
      assertThat(e.projectId()).isEqualTo("p_bench");
      assertThat(e.epochNanos()).isGreaterThan(previous);
      assertThat(e.timestamp()).isBetween(FROM, FROM.plus(Duration.ofHours(24)));
      assertThat(e.ingestLagMillis()).isBetween(20L, 400L);
      levels.add(e.level());
      previous = e.epochNanos();
    }
    assertThat(events.get(events.size() - 1).timestamp()).isAfter(FROM.plus(Duration.ofHours(23)));
    assertThat(levels).contains(Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR);
    assertThat(events.stream().filter(e -> e.attributes().containsKey("duration_ms")).count())
        .isGreaterThan(events.size() / 2);
  }

  @Test
  void aSeedGivesTheSameEvents() {
    assertThat(generate(100, 5)).isEqualTo(generate(100, 5)).isNotEqualTo(generate(100, 6));
  }

  private static List<LogEvent> generate(int count, long seed) {
    GeneratedEvents generated =
        new GeneratedEvents("p_bench", seed, FROM, Duration.ofHours(24), count);
    List<LogEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(generated.next());
    }
    return events;
  }
}
