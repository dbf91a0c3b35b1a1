package io.devlogs.flink.sinks;

import io.devlogs.flink.records.LogEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of {@code devlogs.events}, in the text forms the insert binds. {@code DateTime('UTC')}
 * columns get {@code yyyy-MM-dd HH:mm:ss} text, which both ClickHouse 18.16 and current releases
 * read in the column's time zone (UTC); the sub-second part of the event time goes to {@code
 * ts_nanos}.
 */
public record ClickHouseEventRow(
    String project,
    String ts,
    long tsNanos,
    String eventId,
    String level,
    String service,
    String stream,
    String message,
    List<String> attrKeys,
    List<String> attrValues,
    String receivedAt) {

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /** The row of an event. */
  public static ClickHouseEventRow of(LogEvent event) {
    Instant ts = event.timestamp();
    List<String> keys = new ArrayList<>(event.attributes().size());
    List<String> values = new ArrayList<>(event.attributes().size());
    event
        .attributes()
        .forEach(
            (k, v) -> {
              keys.add(k);
              values.add(v);
            });
    return new ClickHouseEventRow(
        event.projectId(),
        DATE_TIME.format(ts),
        ts.getNano(),
        event.eventId(),
        event.level().name(),
        event.service(),
        event.stream(),
        event.message(),
        List.copyOf(keys),
        List.copyOf(values),
        DATE_TIME.format(Instant.ofEpochMilli(event.receivedAtMillis())));
  }
}
