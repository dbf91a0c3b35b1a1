package io.devlogs.flink.sinks;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.deadletters.DeadLetterCause;
import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.sinks.clickhouse.ClickHouseRowFormat;
import io.devlogs.flink.sinks.clickhouse.RefusedRows;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link LogEvent}s as rows of {@code devlogs.events} (the contract's columns). The table is
 * partitioned by retention and day ({@code retention_days * 100000000 + toYYYYMMDD(ts)}), so a
 * partition expires as a whole: {@link #expired} tells the sink's {@code RetentionSweeper} which.
 */
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
          "received_at",
          "received_ms",
          "ingest_lag_ms",
          "size_bytes",
          "retention_days",
          "pattern_id");

  /** Partition key = retention days * this + yyyymmdd of the event day (see 001_events.sql). */
  public static final long RETENTION_FACTOR = 100_000_000L;

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
    return "retention_days * " + RETENTION_FACTOR + " + toYYYYMMDD(ts)";
  }

  @Override
  public long partitionOf(LogEvent event) {
    Instant ts = event.timestamp();
    var day = ts.atOffset(ZoneOffset.UTC).toLocalDate();
    return event.retentionDays() * RETENTION_FACTOR
        + day.getYear() * 10_000L
        + day.getMonthValue() * 100L
        + day.getDayOfMonth();
  }

  /**
   * Whether every row of the partition is past its retention on {@code today} (UTC): its day plus
   * its retention days is before today. Partitions of another key (no retention part) never are.
   */
  @Override
  public boolean expired(long partition, LocalDate today) {
    long days = partition / RETENTION_FACTOR;
    long yyyymmdd = partition % RETENTION_FACTOR;
    if (days < 1 || yyyymmdd < 1970_01_01L) {
      return false;
    }
    LocalDate day;
    try {
      day =
          LocalDate.of(
              (int) (yyyymmdd / 10_000), (int) (yyyymmdd / 100 % 100), (int) (yyyymmdd % 100));
    } catch (java.time.DateTimeException e) {
      return false;
    }
    return day.plusDays(days).isBefore(today);
  }

  @Override
  public void writeFields(LogEvent event, JsonGenerator json) throws IOException {
    // Written field by field, without intermediate lists or formatters: this runs once per event
    // on the sink's hot path.
    long nanos = event.epochNanos();
    json.writeStringField("project", event.projectId());
    json.writeStringField("ts", dateTime(Math.floorDiv(nanos, 1_000_000_000L)));
    json.writeNumberField("ts_nanos", Math.floorMod(nanos, 1_000_000_000L));
    json.writeStringField("event_id", event.eventId());
    json.writeStringField("level", event.level().name());
    json.writeStringField("service", event.service());
    json.writeStringField("stream", event.stream());
    json.writeStringField("message", event.message());
    json.writeArrayFieldStart("attr_keys");
    for (String k : event.attributes().keySet()) {
      json.writeString(k);
    }
    json.writeEndArray();
    json.writeArrayFieldStart("attr_values");
    for (String v : event.attributes().values()) {
      json.writeString(v);
    }
    json.writeEndArray();
    json.writeStringField("received_at", dateTime(Math.floorDiv(event.receivedAtMillis(), 1000L)));
    json.writeNumberField("received_ms", event.receivedAtMillis());
    json.writeNumberField("ingest_lag_ms", event.ingestLagMillis());
    json.writeNumberField("size_bytes", event.sizeBytes());
    json.writeNumberField("retention_days", event.retentionDays());
    json.writeStringField("pattern_id", event.patternId());
  }

  /**
   * The dead letter of a refused event row: the event read back from the row, in the form ingest
   * accepts (so it can be replayed once the cause is fixed).
   */
  @Override
  public DeadLetter deadLetter(String fields, String error) {
    try {
      return DeadLetter.ofEvent(
          eventOf(RefusedRows.tree("{" + fields + "}")),
          "clickhouse",
          DeadLetterCause.REFUSED_BY_CLICKHOUSE,
          "ClickHouse refused the row: " + error);
    } catch (RuntimeException e) {
      // A row that cannot be read back as an event (its time, level or sizes are what ClickHouse
      // refused) still becomes a dead letter: the row as written.
      return ClickHouseRowFormat.super.deadLetter(fields, error);
    }
  }

  /** The event a row was written from (throws if the row does not read back as one). */
  private static LogEvent eventOf(JsonNode row) {
    Map<String, String> attributes = new LinkedHashMap<>();
    JsonNode keys = row.path("attr_keys");
    JsonNode values = row.path("attr_values");
    for (int i = 0; i < keys.size() && i < values.size(); i++) {
      attributes.put(keys.get(i).asText(), values.get(i).asText());
    }
    long epochSecond =
        LocalDateTime.parse(row.path("ts").asText("1970-01-01 00:00:00").replace(' ', 'T'))
            .toEpochSecond(ZoneOffset.UTC);
    return new LogEvent(
        row.path("project").asText(),
        row.path("event_id").asText(),
        epochSecond * 1_000_000_000L + row.path("ts_nanos").asLong(),
        Level.valueOf(row.path("level").asText("INFO")),
        row.path("service").asText(),
        row.path("stream").asText(),
        row.path("message").asText(),
        attributes,
        row.path("received_ms").asLong(),
        Math.max(0, row.path("size_bytes").asInt()),
        Math.max(1, row.path("retention_days").asInt(1)),
        row.path("pattern_id").asText(""));
  }

  /** {@code yyyy-MM-dd HH:mm:ss} in UTC, the text form of {@code DateTime('UTC')}. */
  static String dateTime(long epochSecond) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    char[] c = new char[19];
    int y = t.getYear();
    if (y < 0 || y > 9999) {
      return t.toString(); // out of DateTime's range either way; let ClickHouse reject it
    }
    put4(c, 0, y);
    c[4] = '-';
    put2(c, 5, t.getMonthValue());
    c[7] = '-';
    put2(c, 8, t.getDayOfMonth());
    c[10] = ' ';
    put2(c, 11, t.getHour());
    c[13] = ':';
    put2(c, 14, t.getMinute());
    c[16] = ':';
    put2(c, 17, t.getSecond());
    return new String(c);
  }

  private static void put4(char[] c, int at, int v) {
    put2(c, at, v / 100);
    put2(c, at + 2, v % 100);
  }

  private static void put2(char[] c, int at, int v) {
    c[at] = (char) ('0' + v / 10);
    c[at + 1] = (char) ('0' + v % 10);
  }
}
