package io.devlogs.query.tail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.query.records.LogEvent;
import io.devlogs.testing.ParsedEventFixture;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParsedEventDecoderTest {
  @Test
  void readsTheJobsParsedEventJson() {
    LogEvent event = ParsedEventDecoder.decode(ParsedEventFixture.valueWithALaterField());
    assertThat(event)
        .isEqualTo(
            new LogEvent(
                "e-17",
                Instant.parse("2024-05-03T10:00:00.000001Z"),
                "WARN",
                "checkout",
                "run-42",
                "payment \"slow\"",
                Map.of("user.id", "17")));
  }

  @Test
  void namesWhatIsWrong() {
    assertThatThrownBy(() -> ParsedEventDecoder.decode("{\"id\":".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not JSON");
    assertThatThrownBy(
            () -> ParsedEventDecoder.decode("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("'ts'");
    assertThatThrownBy(
            () ->
                ParsedEventDecoder.decode(
                    "{\"id\":\"x\",\"ts\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("ISO-8601");
  }
}
