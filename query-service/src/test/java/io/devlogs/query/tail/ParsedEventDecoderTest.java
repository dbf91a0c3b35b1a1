package io.devlogs.query.tail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.query.records.LogEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParsedEventDecoderTest {
  @Test
  void readsTheJobsParsedEventJson() {
    String json =
        "{\"id\":\"e-17\",\"project\":\"p_abc\",\"ts\":\"2024-05-03T10:00:00.000001000Z\","
            + "\"epoch_nanos\":1714730400000001000,\"level\":\"WARN\",\"service\":\"checkout\","
            + "\"stream\":\"run-42\",\"message\":\"payment \\\"slow\\\"\","
            + "\"attributes\":{\"user.id\":\"17\"},\"received_at\":\"2024-05-03T10:00:00.123Z\","
            + "\"ingest_lag_ms\":123,\"size_bytes\":312,\"retention_days\":30,\"later\":true}";
    LogEvent event = ParsedEventDecoder.decode(json.getBytes(StandardCharsets.UTF_8));
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
