package io.devlogs.flink.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.flink.config.JobArguments;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.parse.LogEventParser;
import io.devlogs.flink.parse.ParseResult;
import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.JobKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TooLateAndOptionsTest {

  @Test
  void tooLateEventBecomesADeadLetterThatParsesBackToTheSameEvent() {
    Instant ts = Instant.parse("2024-05-01T12:03:04.123456789Z");
    LogEvent event =
        new LogEvent(
            "p_1",
            "e-42",
            LogEvent.toEpochNanos(ts),
            Level.WARN,
            "api",
            "run-1",
            "slow",
            Map.of("duration_ms", "12", "user.id", "17"),
            Instant.parse("2024-05-01T13:00:00Z").toEpochMilli());
    DeadLetter letter = TooLateEvents.toDeadLetter(event, Duration.ofMinutes(10));

    assertThat(letter.reason())
        .startsWith("too late for window 2024-05-01T12:03:00Z (api/WARN)")
        .contains("PT10M");
    assertThat(letter.raw().projectHeader()).isEqualTo("p_1");
    assertThat(letter.raw().source()).isEqualTo("event-windows/-1/-1");
    ParseResult parsed = new LogEventParser().parse(letter.raw());
    assertThat(parsed).isInstanceOf(ParseResult.Parsed.class);
    LogEvent back = ((ParseResult.Parsed) parsed).event();
    assertThat(back.eventId()).isEqualTo("e-42");
    assertThat(back.timestamp()).isEqualTo(ts);
    assertThat(back.level()).isEqualTo(Level.WARN);
    assertThat(back.service()).isEqualTo("api");
    assertThat(back.stream()).isEqualTo("run-1");
    assertThat(back.message()).isEqualTo("slow");
    assertThat(back.attributes()).isEqualTo(event.attributes());
  }

  @Test
  void windowOptionsHaveDefaultsAndClearErrors() {
    PipelineOptions defaults = PipelineOptions.from(Settings.of(Map.of()));
    assertThat(defaults.windows()).isEqualTo(WindowOptions.from(Settings.of(Map.of())));
    assertThat(defaults.windows().outOfOrderness()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.windows().allowedLateness()).isEqualTo(Duration.ofMinutes(10));

    PipelineOptions set =
        PipelineOptions.from(
            JobArguments.settings(
                new String[] {
                  "--windows.out-of-orderness=30s",
                  "--windows.idleness",
                  "0",
                  "--windows.allowed-lateness=1h"
                }));
    assertThat(set.windows())
        .isEqualTo(new WindowOptions(Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1)));

    assertThatThrownBy(
            () ->
                WindowOptions.from(
                    Settings.of(Map.of(JobKeys.WINDOWS_ALLOWED_LATENESS.key(), "soon"))))
        .hasMessageContaining("windows.allowed-lateness")
        .hasMessageContaining("such as 500ms, 10s, 1min");
    assertThatThrownBy(
            () -> new WindowOptions(Duration.ofSeconds(-1), Duration.ZERO, Duration.ZERO))
        .hasMessageContaining("windows.out-of-orderness");
  }
}
