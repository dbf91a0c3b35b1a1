package io.devlogs.flink.sinks;

import io.devlogs.flink.records.LogEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * One row of {@code stream_events}: the partition is (project, stream, UTC day of ts), the row (ts,
 * event_id). Cassandra timestamps hold milliseconds, so {@code ts} is the event time truncated to
 * the millisecond; {@code event_id} keeps events of the same millisecond apart. The row is written
 * with a TTL of the event's retention ({@code ttlSeconds}, bound after the columns).
 */
public record CassandraStreamRow(
    String project,
    String stream,
    LocalDate day,
    Instant ts,
    String eventId,
    String level,
    String service,
    String message,
    Map<String, String> attributes,
    Instant receivedAt,
    long ingestLagMs,
    int sizeBytes,
    int ttlSeconds) {

  /** Column order of the sink's INSERT (the TTL is bound after them). */
  public static final String COLUMNS =
      "project, stream, day, ts, event_id, level, service, message, attributes, received_at,"
          + " ingest_lag_ms, size_bytes";

  /** The row of an event. */
  public static CassandraStreamRow of(LogEvent event) {
    Instant ts = event.timestamp().truncatedTo(ChronoUnit.MILLIS);
    return new CassandraStreamRow(
        event.projectId(),
        event.stream(),
        LocalDate.ofInstant(ts, ZoneOffset.UTC),
        ts,
        event.eventId(),
        event.level().name(),
        event.service(),
        event.message(),
        event.attributes(),
        Instant.ofEpochMilli(event.receivedAtMillis()),
        event.ingestLagMillis(),
        event.sizeBytes(),
        Math.toIntExact(Duration.ofDays(event.retentionDays()).toSeconds()));
  }
}
