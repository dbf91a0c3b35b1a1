package io.devlogs.flink.sinks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.devlogs.flink.records.LogEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * A parsed event as the JSON object of the parsed topic (live tail). One UTF-8 JSON object per
 * record, written field by field with Jackson's streaming generator (no reflection, no intermediate
 * tree). The schema is stable: fields are only ever added, never renamed or removed.
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
 *   "retention_days": 30                               the project's retention class, in days
 * }
 * </pre>
 *
 * To add a field of {@link LogEvent}, add one line to {@link #writeFields}.
 */
public final class ParsedEventJson {

  private static final JsonFactory JSON = new JsonFactory();
  private static final DateTimeFormatter NANOS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private ParsedEventJson() {}

  /** The event as one JSON object, UTF-8. */
  public static byte[] toBytes(LogEvent event) {
    ByteArrayBuilder bytes = new ByteArrayBuilder(256 + event.message().length());
    try (JsonGenerator json = JSON.createGenerator(bytes)) {
      json.writeStartObject();
      writeFields(event, json);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write event " + event.eventId() + " as JSON", e);
    }
    return bytes.toByteArray();
  }

  /** The fields of the schema above, in order. */
  static void writeFields(LogEvent event, JsonGenerator json) throws IOException {
    json.writeStringField("id", event.eventId());
    json.writeStringField("project", event.projectId());
    json.writeStringField("ts", NANOS.format(event.timestamp()));
    json.writeNumberField("epoch_nanos", event.epochNanos());
    json.writeStringField("level", event.level().name());
    json.writeStringField("service", event.service());
    json.writeStringField("stream", event.stream());
    json.writeStringField("message", event.message());
    writeAttributes(event.attributes(), json);
    json.writeStringField(
        "received_at", MILLIS.format(Instant.ofEpochMilli(event.receivedAtMillis())));
    json.writeNumberField("ingest_lag_ms", event.ingestLagMillis());
    json.writeNumberField("size_bytes", event.sizeBytes());
    json.writeNumberField("retention_days", event.retentionDays());
  }

  private static void writeAttributes(Map<String, String> attributes, JsonGenerator json)
      throws IOException {
    json.writeObjectFieldStart("attributes");
    for (Map.Entry<String, String> a : attributes.entrySet()) {
      json.writeStringField(a.getKey(), a.getValue());
    }
    json.writeEndObject();
  }
}
