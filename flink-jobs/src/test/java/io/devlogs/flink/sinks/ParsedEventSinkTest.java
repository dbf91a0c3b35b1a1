package io.devlogs.flink.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.topics.ParsedEventJson;
import io.devlogs.topics.RawRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A parsed event as the parsed topic's record: the documented JSON of every field, keyed by
 * project.
 */
class ParsedEventSinkTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static LogEvent event(Instant ts, String message, Map<String, String> attributes) {
    return new LogEvent(
        "p_1",
        "e-1",
        LogEvent.toEpochNanos(ts),
        Level.ERROR,
        "checkout",
        "run-7",
        message,
        attributes,
        Instant.parse("2024-05-03T10:00:01.500Z").toEpochMilli(),
        312,
        7);
  }

  @Test
  void everyFieldOfTheDocumentedSchemaInOrder() throws Exception {
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("user.id", "17");
    attrs.put("path", "C:\\tmp \"x\"");
    byte[] bytes =
        ParsedEventJson.write(
            event(Instant.parse("2024-05-03T10:00:00.000001Z"), "tab\t é 😀 \"q\"", attrs)
                .toParsedEvent());

    JsonNode json = MAPPER.readTree(bytes);
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly(
            "id",
            "project",
            "ts",
            "epoch_nanos",
            "level",
            "service",
            "stream",
            "message",
            "attributes",
            "received_at",
            "ingest_lag_ms",
            "size_bytes",
            "retention_days",
            "pattern");
    assertThat(json.get("id").asText()).isEqualTo("e-1");
    assertThat(json.get("project").asText()).isEqualTo("p_1");
    assertThat(json.get("ts").asText()).isEqualTo("2024-05-03T10:00:00.000001000Z");
    assertThat(json.get("epoch_nanos").asLong()).isEqualTo(1_714_730_400_000_001_000L);
    assertThat(json.get("level").asText()).isEqualTo("ERROR");
    assertThat(json.get("service").asText()).isEqualTo("checkout");
    assertThat(json.get("stream").asText()).isEqualTo("run-7");
    assertThat(json.get("message").asText()).isEqualTo("tab\t é 😀 \"q\"");
    assertThat(MAPPER.convertValue(json.get("attributes"), Map.class)).isEqualTo(attrs);
    assertThat(json.get("received_at").asText()).isEqualTo("2024-05-03T10:00:01.500Z");
    assertThat(json.get("ingest_lag_ms").asLong()).isEqualTo(1_500);
    assertThat(json.get("size_bytes").asInt()).isEqualTo(312);
    assertThat(json.get("retention_days").asInt()).isEqualTo(7);
    // one line: a consumer may read the value as NDJSON
    assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("\n");
  }

  @Test
  void timeAlwaysHasNineFractionDigitsAndAttributesAnObject() throws Exception {
    JsonNode json =
        MAPPER.readTree(
            ParsedEventJson.write(
                event(Instant.parse("1969-12-31T23:59:59Z"), "m", null).toParsedEvent()));
    assertThat(json.get("ts").asText()).isEqualTo("1969-12-31T23:59:59.000000000Z");
    assertThat(json.get("epoch_nanos").asLong()).isEqualTo(-1_000_000_000L);
    assertThat(json.get("attributes").isObject()).isTrue();
    assertThat(json.get("attributes").size()).isZero();
  }

  @Test
  void recordIsKeyedByProjectWithTheProjectHeader() throws Exception {
    LogEvent e = event(Instant.parse("2024-05-03T10:00:00Z"), "m", Map.of());
    ProducerRecord<byte[], byte[]> record = ParsedEventSink.toProducerRecord("devlogs-parsed", e);
    assertThat(record.topic()).isEqualTo("devlogs-parsed");
    assertThat(record.partition()).isNull();
    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("p_1");
    assertThat(List.of(record.headers().toArray())).hasSize(1);
    assertThat(
            new String(
                record.headers().lastHeader(RawRecord.HEADER_PROJECT).value(),
                StandardCharsets.UTF_8))
        .isEqualTo("p_1");
    assertThat(MAPPER.readTree(record.value()).get("id").asText()).isEqualTo("e-1");
  }
}
