package io.devlogs.flink.sinks;

import com.fasterxml.jackson.core.JsonGenerator;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.sinks.clickhouse.ClickHouseRowFormat;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** {@link LogEvent}s as rows of {@code devlogs.events} (see {@link ClickHouseEventRow}). */
public final class ClickHouseEventFormat implements ClickHouseRowFormat<LogEvent> {

  private static final long serialVersionUID = 1L;

  public static final List<String> COLUMNS =
      List.of(
          "project",
          "ts",
          "ts_nanos",
          "event_id",
          "level",
          "service",
          "stream",
          "message",
          "attr_keys",
          "attr_values",
          "received_at");

  @Override
  public List<String> columns() {
    return COLUMNS;
  }

  @Override
  public List<String> keyColumns() {
    return List.of("project", "ts", "ts_nanos", "event_id");
  }

  @Override
  public String partitionExpression() {
    return "toYYYYMMDD(ts)";
  }

  @Override
  public long partitionOf(LogEvent event) {
    Instant ts = event.timestamp();
    var day = ts.atOffset(ZoneOffset.UTC).toLocalDate();
    return day.getYear() * 10_000L + day.getMonthValue() * 100L + day.getDayOfMonth();
  }

  @Override
  public void writeFields(LogEvent event, JsonGenerator json) throws IOException {
    ClickHouseEventRow row = ClickHouseEventRow.of(event);
    json.writeStringField("project", row.project());
    json.writeStringField("ts", row.ts());
    json.writeNumberField("ts_nanos", row.tsNanos());
    json.writeStringField("event_id", row.eventId());
    json.writeStringField("level", row.level());
    json.writeStringField("service", row.service());
    json.writeStringField("stream", row.stream());
    json.writeStringField("message", row.message());
    writeArray(json, "attr_keys", row.attrKeys());
    writeArray(json, "attr_values", row.attrValues());
    json.writeStringField("received_at", row.receivedAt());
  }

  private static void writeArray(JsonGenerator json, String field, List<String> values)
      throws IOException {
    json.writeArrayFieldStart(field);
    for (String v : values) {
      json.writeString(v);
    }
    json.writeEndArray();
  }
}
