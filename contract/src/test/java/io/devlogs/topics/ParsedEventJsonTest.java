package io.devlogs.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devlogs.flink.records.Level;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the job writes to the parsed topic, the query service reads back. */
class ParsedEventJsonTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static ParsedEvent event(long epochNanos, Map<String, String> attributes) {
    return new ParsedEvent(
        "e-1",
        "p_1",
        epochNanos,
        Level.FATAL,
        "checkout",
        "run-7",
        "tab\t é 😀 \"q\" \\ \u0001",
        attributes,
        Instant.parse("2024-05-03T10:00:01.500Z").toEpochMilli(),
        312,
        7);
  }

  @Test
  void everyFieldReadsBackAsWritten() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("user.id", "17");
    attributes.put("path", "C:\\tmp \"x\"");
    ParsedEvent written = event(1_714_730_400_000_001_001L, attributes);

    ParsedEvent read = ParsedEventJson.read(ParsedEventJson.write(written));

    assertThat(read).isEqualTo(written);
    assertThat(read.attributes()).containsExactlyEntriesOf(attributes);
  }

  @Test
  void eventsBeforeTheEpochAndWithoutAttributesReadBack() {
    ParsedEvent written = event(-1_000_000_001L, Map.of());
    assertThat(ParsedEventJson.read(ParsedEventJson.write(written))).isEqualTo(written);
    assertThat(written.timestamp()).isEqualTo(Instant.parse("1969-12-31T23:59:58.999999999Z"));
  }

  @Test
  void fieldsAddedLaterAreIgnored() throws Exception {
    ParsedEvent written = event(0, Map.of());
    ObjectNode json = (ObjectNode) MAPPER.readTree(ParsedEventJson.write(written));
    json.put("later", true);
    assertThat(ParsedEventJson.read(MAPPER.writeValueAsBytes(json))).isEqualTo(written);
  }

  @Test
  void derivedFieldsAreWritten() throws Exception {
    ParsedEvent written =
        event(Instant.parse("2024-05-03T10:00:00Z").toEpochMilli() * 1_000_000L, null);
    var json = MAPPER.readTree(ParsedEventJson.write(written));
    assertThat(json.get("ts").asText()).isEqualTo("2024-05-03T10:00:00.000000000Z");
    assertThat(json.get("ingest_lag_ms").asLong()).isEqualTo(1_500);
    assertThat(new String(ParsedEventJson.write(written), StandardCharsets.UTF_8))
        .doesNotContain("\n");
  }

  @Test
  void namesWhatIsWrong() throws Exception {
    assertThatThrownBy(() -> ParsedEventJson.read(utf8("[1]")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a JSON object");
    ObjectNode json = (ObjectNode) MAPPER.readTree(ParsedEventJson.write(event(0, Map.of())));
    assertThatThrownBy(
            () -> ParsedEventJson.read(MAPPER.writeValueAsBytes(json.deepCopy().put("level", "x"))))
        .hasMessageContaining("'level'");
    assertThatThrownBy(
            () ->
                ParsedEventJson.read(
                    MAPPER.writeValueAsBytes(json.deepCopy().put("size_bytes", "312"))))
        .hasMessageContaining("'size_bytes'");
    assertThatThrownBy(
            () ->
                ParsedEventJson.read(
                    MAPPER.writeValueAsBytes(json.deepCopy().put("ts", "+300000-01-01T00:00:00Z"))))
        .hasMessageContaining("'ts'");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void timesAreWrittenAsTheIsoFormattersWriteThem() {
    java.time.format.DateTimeFormatter nanos =
        java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    java.time.format.DateTimeFormatter millis =
        java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    java.util.Random random = new java.util.Random(7);
    java.util.List<Instant> times =
        new java.util.ArrayList<>(
            java.util.List.of(
                Instant.EPOCH,
                Instant.parse("1999-12-31T23:59:59.999999999Z"),
                Instant.parse("2024-02-29T00:00:00.000000001Z"),
                Instant.parse("2106-02-07T06:28:15Z"),
                Instant.parse("-0001-01-01T00:00:00Z"),
                Instant.parse("+10000-01-01T00:00:00.5Z")));
    for (int i = 0; i < 10_000; i++) {
      times.add(
          Instant.ofEpochSecond(
              random.nextInt(Integer.MAX_VALUE) * 2L, random.nextInt(1_000_000_000)));
    }
    for (Instant t : times) {
      assertThat(ParsedEventJson.utc(t, 9)).as("%s", t).isEqualTo(nanos.format(t));
      assertThat(ParsedEventJson.utc(t, 3)).as("%s", t).isEqualTo(millis.format(t));
    }
  }
}
