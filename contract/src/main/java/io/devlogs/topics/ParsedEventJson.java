package io.devlogs.topics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.flink.records.Level;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The value of a parsed-topic record (live tail): one UTF-8 JSON object per {@link ParsedEvent},
 * written by the Flink job and read by the query service. Written field by field with Jackson's
 * streaming generator (no reflection, no intermediate tree). The schema is stable: fields are only
 * ever added, never renamed or removed, and a reader ignores fields it does not know.
 *
 * <pre>
 * {
 *   "id":          "e-17",                             client id, or a UUID derived from the request
 *   "project":     "p_abc",
 *   "ts":          "2024-05-03T10:00:00.000001000Z",   event time, UTC, always 9 fraction digits
 *   "epoch_nanos": 1714730400000001000,                the same instant in ns since the epoch
 *   "level":       "INFO",                             TRACE, DEBUG, INFO, WARN, ERROR or FATAL
 *   "service":     "checkout",
 *   "stream":      "run-42",
 *   "message":     "payment failed",
 *   "attributes":  {"user.id": "17"},                  flattened keys, string values; {} if none
 *   "received_at": "2024-05-03T10:00:00.123Z",         when ingest received it, UTC, 3 digits
 *   "ingest_lag_ms": 123,                              received_at minus ts (negative: clock ahead)
 *   "size_bytes":  312,                                UTF-8 size of the raw record as ingested
 *   "retention_days": 30,                              the project's retention class, in days
 *   "pattern":     "9f86d081884c7d65"                  the event's log pattern id ("" if none)
 * }
 * </pre>
 *
 * To add a field, add it to {@link ParsedEvent}, to {@link #writeFields} and to {@link #read}.
 */
public final class ParsedEventJson {

  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectMapper READER = new ObjectMapper();
  private static final DateTimeFormatter NANOS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private ParsedEventJson() {}

  /** The event as one JSON object on one line, UTF-8. */
  public static byte[] write(ParsedEvent event) {
    ByteArrayBuilder bytes = new ByteArrayBuilder(256 + event.message().length());
    try (JsonGenerator json = JSON.createGenerator(bytes)) {
      json.writeStartObject();
      writeFields(event, json);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write event " + event.id() + " as JSON", e);
    }
    return bytes.toByteArray();
  }

  private static void writeFields(ParsedEvent event, JsonGenerator json) throws IOException {
    json.writeStringField("id", event.id());
    json.writeStringField("project", event.project());
    json.writeStringField("ts", utc(event.timestamp(), 9));
    json.writeNumberField("epoch_nanos", event.epochNanos());
    json.writeStringField("level", event.level().name());
    json.writeStringField("service", event.service());
    json.writeStringField("stream", event.stream());
    json.writeStringField("message", event.message());
    json.writeObjectFieldStart("attributes");
    for (Map.Entry<String, String> a : event.attributes().entrySet()) {
      json.writeStringField(a.getKey(), a.getValue());
    }
    json.writeEndObject();
    json.writeStringField("received_at", utc(Instant.ofEpochMilli(event.receivedAtMillis()), 3));
    json.writeNumberField("ingest_lag_ms", event.ingestLagMillis());
    json.writeNumberField("size_bytes", event.sizeBytes());
    json.writeNumberField("retention_days", event.retentionDays());
    json.writeStringField("pattern", event.patternId());
  }

  /**
   * {@code t} as {@link #NANOS} ({@code fractionDigits} 9) or {@link #MILLIS} (3) write it, built
   * by hand: this runs twice per event on the job's hot path, where the formatters cost more than
   * the rest of the event's JSON.
   */
  static String utc(Instant t, int fractionDigits) {
    LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
    int year = d.getYear();
    if (year < 0 || year > 9999) {
      return (fractionDigits == 9 ? NANOS : MILLIS).format(t);
    }
    char[] c = new char[21 + fractionDigits];
    digits(c, 0, year, 4);
    c[4] = '-';
    digits(c, 5, d.getMonthValue(), 2);
    c[7] = '-';
    digits(c, 8, d.getDayOfMonth(), 2);
    c[10] = 'T';
    digits(c, 11, d.getHour(), 2);
    c[13] = ':';
    digits(c, 14, d.getMinute(), 2);
    c[16] = ':';
    digits(c, 17, d.getSecond(), 2);
    c[19] = '.';
    int fraction = t.getNano();
    for (int i = fractionDigits; i < 9; i++) {
      fraction /= 10;
    }
    digits(c, 20, fraction, fractionDigits);
    c[20 + fractionDigits] = 'Z';
    return new String(c);
  }

  private static void digits(char[] c, int at, int value, int count) {
    for (int i = at + count - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /**
   * Reads one record value back; the event time from {@code ts}, derived fields ignored.
   *
   * @throws IllegalArgumentException naming the problem when the value is not such an event
   */
  public static ParsedEvent read(byte[] value) {
    JsonNode node;
    try {
      node = READER.readTree(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("parsed event is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("parsed event cannot be read: " + e.getMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("parsed event is not a JSON object");
    }
    String id = text(node, "id");
    long epochNanos = epochNanos(instant(node, "ts"));
    Map<String, String> attributes = new LinkedHashMap<>();
    node.path("attributes")
        .fields()
        .forEachRemaining(a -> attributes.put(a.getKey(), a.getValue().asText()));
    return new ParsedEvent(
        id,
        text(node, "project"),
        epochNanos,
        level(text(node, "level")),
        text(node, "service"),
        text(node, "stream"),
        text(node, "message"),
        attributes,
        instant(node, "received_at").toEpochMilli(),
        integer(node, "size_bytes"),
        integer(node, "retention_days"),
        node.path("pattern").asText(""));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("parsed event has no text field '" + field + "'");
    }
    return value.asText();
  }

  private static Instant instant(JsonNode node, String field) {
    try {
      return Instant.parse(text(node, field));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "parsed event field '" + field + "' is not an ISO-8601 instant", e);
    }
  }

  private static long epochNanos(Instant ts) {
    try {
      return Math.addExact(Math.multiplyExact(ts.getEpochSecond(), 1_000_000_000L), ts.getNano());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("parsed event field 'ts' is outside 1677..2262", e);
    }
  }

  private static Level level(String name) {
    try {
      return Level.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "parsed event field 'level' is '" + name + "', not a level", e);
    }
  }

  private static int integer(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new IllegalArgumentException("parsed event has no integer field '" + field + "'");
    }
    return value.intValue();
  }
}
