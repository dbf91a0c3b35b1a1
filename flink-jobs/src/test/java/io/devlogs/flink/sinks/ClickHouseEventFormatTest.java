package io.devlogs.flink.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.deadletters.DeadLetterCause;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClickHouseEventFormatTest {

  static final String NASTY =
      "quote \" apostrophe ' backslash \\ newline \n tab \t cr \r nul-ish \u0001 é 日本 😀 end";

  private static LogEvent event(String message, Map<String, String> attrs) {
    return new LogEvent(
        "p_1",
        "e-1",
        LogEvent.toEpochNanos(Instant.parse("2024-05-01T23:59:59.123456789Z")),
        Level.ERROR,
        "api",
        "run-1",
        message,
        attrs,
        Instant.parse("2024-05-02T00:00:01.999Z").toEpochMilli(),
        321,
        7);
  }

  private static String json(LogEvent e) throws Exception {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.writeStartObject();
      new ClickHouseEventFormat().writeFields(e, g);
      g.writeEndObject();
    }
    return out.toString();
  }

  @Test
  void writesEveryColumnAsJsonEachRowFields() throws Exception {
    JsonNode row = new ObjectMapper().readTree(json(event("slow", Map.of("region", "eu"))));
    List<String> names = new java.util.ArrayList<>();
    row.fieldNames().forEachRemaining(names::add);
    // The columns of the contract's devlogs.events, in order.
    assertThat(names)
        .containsExactlyElementsOf(DdlColumns.writtenByTheSink("001_events.sql", "devlogs.events"));
    assertThat(row.get("project").asText()).isEqualTo("p_1");
    assertThat(row.get("ts").asText()).isEqualTo("2024-05-01 23:59:59");
    assertThat(row.get("ts_nanos").asLong()).isEqualTo(123_456_789L);
    assertThat(row.get("event_id").asText()).isEqualTo("e-1");
    assertThat(row.get("level").asText()).isEqualTo("ERROR");
    assertThat(row.get("service").asText()).isEqualTo("api");
    assertThat(row.get("stream").asText()).isEqualTo("run-1");
    assertThat(row.get("message").asText()).isEqualTo("slow");
    assertThat(row.get("attr_keys").toString()).isEqualTo("[\"region\"]");
    assertThat(row.get("attr_values").toString()).isEqualTo("[\"eu\"]");
    assertThat(row.get("received_at").asText()).isEqualTo("2024-05-02 00:00:01");
    assertThat(row.get("received_ms").asLong())
        .isEqualTo(Instant.parse("2024-05-02T00:00:01.999Z").toEpochMilli());
    assertThat(row.get("ingest_lag_ms").asLong()).isEqualTo(2_876L); // 23:59:59.123 -> 00:00:01.999
    assertThat(row.get("size_bytes").asInt()).isEqualTo(321);
    assertThat(row.get("retention_days").asInt()).isEqualTo(7);
  }

  @Test
  void escapesQuotesBackslashesNewlinesTabsAndKeepsUnicodeInMessagesAndAttributes()
      throws Exception {
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("k\"ey\t1", NASTY);
    attrs.put("ключ", "значение\\n");
    String text = json(event(NASTY, attrs));

    assertThat(text).doesNotContain("\n").doesNotContain("\t").doesNotContain("\r");
    assertThat(text).contains("quote \\\" apostrophe ' backslash \\\\ newline \\n tab \\t cr \\r");
    assertThat(text).contains("\\u0001").contains("é 日本 😀");

    JsonNode row = new ObjectMapper().readTree(text);
    assertThat(row.get("message").asText()).isEqualTo(NASTY);
    assertThat(row.get("attr_keys").get(0).asText()).isEqualTo("k\"ey\t1");
    assertThat(row.get("attr_values").get(0).asText()).isEqualTo(NASTY);
    assertThat(row.get("attr_keys").get(1).asText()).isEqualTo("ключ");
    assertThat(row.get("attr_values").get(1).asText()).isEqualTo("значение\\n");
  }

  @Test
  void splitsSecondsAndNanosInUtcAtTheEdgesOfTheDateTimeRange() throws Exception {
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("user.id", "17");
    attrs.put("region", "eu");
    Map<String, List<Object>> expected =
        Map.of(
            "2024-05-01T23:59:59.123456789Z", List.of("2024-05-01 23:59:59", 123_456_789L),
            "1970-01-01T00:00:00Z", List.of("1970-01-01 00:00:00", 0L),
            "2105-12-31T23:59:59Z", List.of("2105-12-31 23:59:59", 0L));
    for (var entry : expected.entrySet()) {
      Instant time = Instant.parse(entry.getKey());
      LogEvent e =
          new LogEvent(
              "p",
              "id",
              LogEvent.toEpochNanos(time),
              Level.INFO,
              "s",
              "st",
              "m",
              attrs,
              time.toEpochMilli());
      JsonNode row = new ObjectMapper().readTree(json(e));
      assertThat(row.get("ts").asText()).isEqualTo(entry.getValue().get(0));
      assertThat(row.get("ts_nanos").asLong()).isEqualTo(entry.getValue().get(1));
      assertThat(row.get("received_at").asText()).isEqualTo(entry.getValue().get(0));
      assertThat(row.get("attr_keys").toString()).isEqualTo("[\"user.id\",\"region\"]");
      assertThat(row.get("attr_values").toString()).isEqualTo("[\"17\",\"eu\"]");
    }
  }

  @Test
  void partitionIsTheRetentionAndTheUtcDayOfTheEventTime() {
    ClickHouseEventFormat f = new ClickHouseEventFormat();
    assertThat(f.partitionOf(event("x", Map.of()))).isEqualTo(7_20240501L);
    assertThat(f.partitionExpression()).isEqualTo("retention_days * 100000000 + toYYYYMMDD(ts)");
  }

  @Test
  void aPartitionExpiresTheDayAfterItsDayPlusItsRetention() {
    ClickHouseEventFormat f = new ClickHouseEventFormat();
    java.time.LocalDate may8 = java.time.LocalDate.of(2024, 5, 8);
    assertThat(f.expired(7_20240501L, may8)).as("kept through May 8").isFalse();
    assertThat(f.expired(7_20240501L, may8.plusDays(1))).isTrue();
    assertThat(f.expired(30_20240501L, may8.plusDays(1))).isFalse();
    assertThat(f.expired(365_20240501L, java.time.LocalDate.of(2025, 5, 2))).isTrue();
    // partitions of the old key (plain yyyymmdd) or nonsense are never dropped
    assertThat(f.expired(20240501L, may8.plusYears(5))).isFalse();
    assertThat(f.expired(7_20241399L, may8.plusYears(5))).isFalse();
  }

  @Test
  void aRefusedRowBecomesAReplayableDeadLetterOrTheRowAsWritten() throws Exception {
    ClickHouseEventFormat f = new ClickHouseEventFormat();
    StringWriter out = new StringWriter();
    JsonGenerator json = new JsonFactory().createGenerator(out);
    json.writeStartObject();
    f.writeFields(event("x", Map.of("k", "v")), json);
    json.writeEndObject();
    json.close();
    String row = out.toString();
    String fields = row.substring(1, row.length() - 1);

    io.devlogs.flink.records.DeadLetter letter = f.deadLetter(fields, "Code: 117");
    JsonNode value = new ObjectMapper().readTree(letter.raw().value());
    assertThat(letter.cause()).isEqualTo(DeadLetterCause.REFUSED_BY_CLICKHOUSE);
    assertThat(value.path("id").asText()).isEqualTo("e-1");
    assertThat(value.path("msg").asText()).isEqualTo("x");
    assertThat(value.path("k").asText()).isEqualTo("v");
    assertThat(letter.reason()).endsWith("Code: 117");

    io.devlogs.flink.records.DeadLetter unreadable =
        f.deadLetter(fields.replace("\"ts\":\"", "\"ts\":\"not a time "), "Code: 41");
    assertThat(unreadable.raw().projectHeader()).isEqualTo(letter.raw().projectHeader());
    assertThat(new String(unreadable.raw().value(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("not a time");
    assertThat(unreadable.cause()).isEqualTo(letter.cause());
  }
}
