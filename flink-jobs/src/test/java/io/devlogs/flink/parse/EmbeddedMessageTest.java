package io.devlogs.flink.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.RawLogRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Events as ingest maps a Loki entry or an OTLP record (a JSON object whose {@code message} is the
 * line or body) whose message is itself a log line.
 */
class EmbeddedMessageTest {

  private static final long RECEIVED = 1_714_564_805_000L;

  @Test
  void aJsonLineGivesItsFieldsAndKeepsTheEntryTime() {
    LogEvent e =
        parse(
            """
            {"ts":1740830400123456789,"service":"api","app":"shop","message":\
            "{\\"level\\":\\"error\\",\\"msg\\":\\"payment failed\\",\\"user\\":{\\"id\\":7},\
            \\"trace_id\\":\\"4bf92f3577b34da6a3ce929d0e0e4736\\",\\"ts\\":\\"2025-03-01T12:00:00Z\\"}"}
            """);
    assertThat(e.level()).isEqualTo(Level.ERROR);
    assertThat(e.message()).isEqualTo("payment failed");
    assertThat(e.epochNanos()).as("the entry's nanoseconds").isEqualTo(1740830400123456789L);
    assertThat(e.service()).isEqualTo("api");
    assertThat(e.attributes())
        .containsEntry("user.id", "7")
        .containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
        .containsEntry("app", "shop");
  }

  @Test
  void aLogfmtLineGivesItsFields() {
    LogEvent e =
        parse(
            "{\"ts\":1740830400000000001,\"message\":\"level=warn msg=\\\"disk 91% full\\\""
                + " mount=/data\"}");
    assertThat(e.level()).isEqualTo(Level.WARN);
    assertThat(e.message()).isEqualTo("disk 91% full");
    assertThat(e.attributes()).containsEntry("mount", "/data");
    assertThat(e.epochNanos()).isEqualTo(1740830400000000001L);
  }

  @Test
  void aTextLineGivesItsLevelWhenTheEventHasNone() {
    LogEvent e =
        parse(
            "{\"ts\":1740830400000000000,\"message\":\"2025-03-01 12:00:00 SEVERE: out of memory\"}");
    assertThat(e.level()).isEqualTo(Level.ERROR);
    assertThat(e.message()).isEqualTo("out of memory");
    assertThat(e.epochNanos()).isEqualTo(1740830400000000000L);
  }

  @Test
  void theEventsOwnLevelWins() {
    LogEvent e = parse("{\"level\":\"debug\",\"message\":\"ERROR: not really\"}");
    assertThat(e.level()).isEqualTo(Level.DEBUG);
    assertThat(e.message()).isEqualTo("ERROR: not really");
  }

  @Test
  void anOtlpKvlistBodyGivesItsFields() {
    LogEvent e =
        parse(
            "{\"ts\":1700000000123456789,\"level\":\"INFO\",\"message\":{\"msg\":\"hi\",\"n\":3}}");
    assertThat(e.epochNanos()).isEqualTo(1700000000123456789L);
    assertThat(e.message()).isEqualTo("hi");
    assertThat(e.attributes()).containsEntry("n", "3");
  }

  @Test
  void brokenJsonStaysTheMessage() {
    LogEvent e = parse("{\"message\":\"{not json}\"}");
    assertThat(e.message()).isEqualTo("{not json}");
    assertThat(e.level()).isEqualTo(Level.INFO);
  }

  private static LogEvent parse(String json) {
    ParseResult result =
        new LogEventParser()
            .parse(
                new RawLogRecord(
                    "p_embedded",
                    json.strip().getBytes(StandardCharsets.UTF_8),
                    "p_embedded",
                    Long.toString(RECEIVED),
                    "json",
                    null,
                    null,
                    "devlogs-raw",
                    0,
                    0,
                    RECEIVED));
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).event();
  }
}
