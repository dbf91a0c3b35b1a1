package io.devlogs.flink.sinks;

import io.devlogs.flink.records.LogEvent;
import io.devlogs.streams.StreamChunkEvent;
import io.devlogs.streams.StreamChunks;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * One event as Cassandra stores it in a stream chunk ({@code stream_chunks}): the partition is
 * (project, stream, UTC day of ts), the chunk's slice the {@link StreamChunks} slice of ts, and the
 * rest goes into the chunk's block. Cassandra timestamps hold milliseconds, so {@code ts} is the
 * event time truncated to the millisecond; {@code event_id} keeps events of the same millisecond
 * apart. The chunk is written with a TTL of the event's retention ({@code ttlSeconds}).
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

  /** The start of the chunk slice the row belongs to. */
  public Instant slice() {
    return Instant.ofEpochMilli(StreamChunks.sliceOf(ts.toEpochMilli()));
  }

  /** What the chunk's block holds of the row. */
  public StreamChunkEvent chunkEvent() {
    return new StreamChunkEvent(
        ts.toEpochMilli(),
        eventId,
        level,
        service,
        message,
        attributes,
        receivedAt.toEpochMilli(),
        ingestLagMs,
        sizeBytes);
  }
}
