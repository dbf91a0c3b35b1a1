package io.devlogs.flink.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.deadletters.DeadLetterCause;
import io.devlogs.deadletters.DeadLetterRow;
import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.RawLogRecord;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClickHouseDeadLetterFormatTest {

  private static final ClickHouseDeadLetterFormat FORMAT = new ClickHouseDeadLetterFormat();
  private static final long RECEIVED = Instant.parse("2024-05-31T23:59:58.123Z").toEpochMilli();

  private static RawLogRecord raw(byte[] value, long offset, String index, String key) {
    return new RawLogRecord(
        "p_dl",
        value,
        "p_dl",
        Long.toString(RECEIVED),
        "json",
        "run-7",
        null,
        "devlogs-raw",
        1,
        offset,
        RECEIVED + 5,
        index,
        key);
  }

  private static JsonNode row(DeadLetter letter) throws Exception {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.writeStartObject();
      FORMAT.writeFields(letter, g);
      g.writeEndObject();
    }
    return new ObjectMapper().readTree(out.toString());
  }

  @Test
  void writesEveryColumnOfTheTableInOrderWithTheRecordsHeadersAndSource() throws Exception {
    byte[] value = "{\"msg\": broken".getBytes(StandardCharsets.UTF_8);
    JsonNode row = row(new DeadLetter(raw(value, 42, "3", "req-9"), "invalid JSON: x"));

    List<String> names = new ArrayList<>();
    row.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyElementsOf(DeadLetterRow.COLUMNS);
    assertThat(row.get("project").asText()).isEqualTo("p_dl");
    assertThat(row.get("received_at").asText()).isEqualTo("2024-05-31 23:59:58");
    assertThat(row.get("received_ms").asLong()).isEqualTo(RECEIVED);
    assertThat(row.get("cause").asText()).isEqualTo("unparseable");
    assertThat(row.get("reason").asText()).isEqualTo("invalid JSON: x");
    assertThat(row.get("value").asText()).isEqualTo("{\"msg\": broken");
    assertThat(row.get("value_bytes").asInt()).isEqualTo(value.length);
    assertThat(row.get("value_truncated").asInt()).isZero();
    assertThat(row.get("format").asText()).isEqualTo("json");
    assertThat(row.get("stream").asText()).isEqualTo("run-7");
    assertThat(row.get("service").isNull()).as("absent header is NULL").isTrue();
    assertThat(row.get("record_index").asText()).isEqualTo("3");
    assertThat(row.get("idempotency_key").asText()).isEqualTo("req-9");
    assertThat(row.get("source_topic").asText()).isEqualTo("devlogs-raw");
    assertThat(row.get("source_partition").asInt()).isEqualTo(1);
    assertThat(row.get("source_offset").asLong()).isEqualTo(42);
    assertThat(row.get("retention_days").asInt()).isEqualTo(30);
    assertThat(FORMAT.partitionOf(new DeadLetter(raw(value, 42, "3", "req-9"), "x")))
        .isEqualTo(30_2024_05_31L);
  }

  @Test
  void idsAreDeterministicAndDifferByPositionAndCause() {
    byte[] value = "x".getBytes(StandardCharsets.UTF_8);
    DeadLetter a = new DeadLetter(raw(value, 42, "0", null), "r");
    assertThat(ClickHouseDeadLetterFormat.id(a))
        .isEqualTo(ClickHouseDeadLetterFormat.id(new DeadLetter(raw(value, 42, "0", null), "r")))
        .isNotEqualTo(ClickHouseDeadLetterFormat.id(new DeadLetter(raw(value, 43, "0", null), "r")))
        .isNotEqualTo(
            ClickHouseDeadLetterFormat.id(
                new DeadLetter(raw(value, 42, "0", null), "r", DeadLetterCause.OUT_OF_BOUNDS)));
  }

  @Test
  void eventDeadLettersWithoutAKafkaPositionAreToldApartByTheirEvent() {
    LogEvent one = event("e-1");
    LogEvent two = event("e-2");
    String idOne =
        ClickHouseDeadLetterFormat.id(
            DeadLetter.ofEvent(one, "stage", DeadLetterCause.REFUSED_BY_CLICKHOUSE, "r"));
    assertThat(idOne)
        .isEqualTo(
            ClickHouseDeadLetterFormat.id(
                DeadLetter.ofEvent(one, "stage", DeadLetterCause.REFUSED_BY_CLICKHOUSE, "other")))
        .isNotEqualTo(
            ClickHouseDeadLetterFormat.id(
                DeadLetter.ofEvent(two, "stage", DeadLetterCause.REFUSED_BY_CLICKHOUSE, "r")))
        .isNotEqualTo(
            ClickHouseDeadLetterFormat.id(
                DeadLetter.ofEvent(one, "stage", DeadLetterCause.REFUSED_BY_CASSANDRA, "r")));
  }

  @Test
  void aLargeValueIsCutOnACharacterBoundaryAndKeepsItsOriginalSize() throws Exception {
    // 'é' is two bytes: a cut at an odd byte count must not split it.
    byte[] value = "é".repeat(40_000).getBytes(StandardCharsets.UTF_8);
    JsonNode row = row(new DeadLetter(raw(value, 1, "0", null), "too big"));

    String stored = row.get("value").asText();
    assertThat(stored.getBytes(StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(ClickHouseDeadLetterFormat.MAX_VALUE_BYTES);
    assertThat(stored).matches("é+").hasSize(ClickHouseDeadLetterFormat.MAX_VALUE_BYTES / 2);
    assertThat(row.get("value_bytes").asInt()).isEqualTo(80_000);
    assertThat(row.get("value_truncated").asInt()).isEqualTo(1);
    assertThat(ClickHouseDeadLetterFormat.utf8Prefix("aé".getBytes(StandardCharsets.UTF_8), 2))
        .isEqualTo(1);
  }

  @Test
  void bytesThatAreNotUtf8AndLoneSurrogatesBecomeReplacementCharacters() throws Exception {
    byte[] value = {'a', (byte) 0xC3, 'b', (byte) 0xFF};
    JsonNode row = row(new DeadLetter(raw(value, 1, null, null), "bad \ud800 utf-8"));
    assertThat(row.get("value").asText()).isEqualTo("a\uFFFDb\uFFFD");
    assertThat(row.get("value_bytes").asInt()).isEqualTo(4);
    assertThat(row.get("reason").asText()).isEqualTo("bad \uFFFD utf-8");
    assertThat(row.get("record_index").isNull()).isTrue();
  }

  @Test
  void aLongReasonIsCut() throws Exception {
    JsonNode row = row(new DeadLetter(raw(new byte[0], 1, null, null), "r".repeat(10_000)));
    assertThat(row.get("reason").asText())
        .hasSize(ClickHouseDeadLetterFormat.MAX_REASON_CHARS + 3)
        .endsWith("...");
  }

  @Test
  void aMissingOrBrokenReceiveHeaderFallsBackToTheKafkaTimestamp() {
    RawLogRecord noHeader =
        new RawLogRecord("p", new byte[0], null, "soon", null, null, null, "t", 0, 0, 5_000L);
    assertThat(ClickHouseDeadLetterFormat.receivedMillis(noHeader)).isEqualTo(5_000L);
    assertThat(ClickHouseDeadLetterFormat.project(noHeader)).as("the key").isEqualTo("p");
  }

  @Test
  void partitionsExpireThirtyDaysAfterTheirDay() {
    long partition = 30_2024_05_01L;
    assertThat(FORMAT.expired(partition, LocalDate.parse("2024-05-31"))).isFalse();
    assertThat(FORMAT.expired(partition, LocalDate.parse("2024-06-01"))).isTrue();
  }

  private static LogEvent event(String id) {
    return new LogEvent(
        "p_dl",
        id,
        LogEvent.toEpochNanos(Instant.parse("2024-05-01T10:00:00Z")),
        Level.INFO,
        "svc",
        "s",
        "m",
        Map.of("k", "v"),
        RECEIVED);
  }
}
