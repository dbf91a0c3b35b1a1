package io.devlogs.query.support;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.devlogs.query.QueryOptions;
import io.devlogs.query.streams.CassandraStreamReader;
import io.devlogs.streams.StreamChunkCodec;
import io.devlogs.streams.StreamChunkEvent;
import io.devlogs.streams.StreamChunks;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Events of Cassandra's {@code stream_chunks} written straight into the local stack, as the Flink
 * job writes them (one partition per project, stream and UTC day; a chunk per slice and flush); and
 * rows of the older {@code stream_events}, as the job wrote them before chunks.
 */
public final class StreamRows implements AutoCloseable {
  private final CqlSession session;
  private final PreparedStatement insertChunk;
  private final PreparedStatement insertLegacy;

  public StreamRows(QueryOptions options) {
    session =
        CassandraStreamReader.connect(
            options.cassandraContactPoints(),
            options.cassandraDatacenter(),
            options.cassandraKeyspace());
    insertChunk =
        session.prepare(
            "INSERT INTO stream_chunks (project, stream, day, slice, chunk, events, block)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)");
    insertLegacy =
        session.prepare(
            "INSERT INTO stream_events (project, stream, day, ts, event_id, level, service,"
                + " message, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  }

  /** The session, e.g. for a {@link CassandraStreamReader} over the same keyspace. */
  public CqlSession session() {
    return session;
  }

  /** One event, as the job writes an event that is alone in its flush: a chunk of one. */
  public void insert(
      String projectId,
      String stream,
      String id,
      Instant ts,
      String level,
      String service,
      String message,
      Map<String, String> attributes) {
    insertChunk(projectId, stream, List.of(event(id, ts, level, service, message, attributes)));
  }

  /**
   * Events of one partition and slice as one chunk, as the job writes a flush's events of a stream
   * and slice; the same events again make the same chunk.
   */
  public void insertChunk(String projectId, String stream, List<StreamChunkEvent> events) {
    long ts = events.get(0).tsMillis();
    long slice = StreamChunks.sliceOf(ts);
    for (StreamChunkEvent e : events) {
      if (StreamChunks.sliceOf(e.tsMillis()) != slice) {
        throw new IllegalArgumentException("events of one chunk share one slice: " + events);
      }
    }
    byte[] block = StreamChunkCodec.encode(events);
    session.execute(
        insertChunk.bind(
            projectId,
            stream,
            LocalDate.ofInstant(Instant.ofEpochMilli(ts), ZoneOffset.UTC),
            Instant.ofEpochMilli(slice),
            ByteBuffer.wrap(StreamChunkCodec.id(block)),
            events.size(),
            ByteBuffer.wrap(block)));
  }

  /** A row of {@code stream_events}, as the job wrote events before chunks. */
  public void insertLegacyRow(
      String projectId, String stream, String id, Instant ts, String message) {
    session.execute(
        insertLegacy.bind(
            projectId,
            stream,
            LocalDate.ofInstant(ts, ZoneOffset.UTC),
            ts,
            id,
            "INFO",
            "runner",
            message,
            Map.of()));
  }

  /** An event as a chunk holds it. */
  public static StreamChunkEvent event(
      String id,
      Instant ts,
      String level,
      String service,
      String message,
      Map<String, String> attributes) {
    long millis = ts.toEpochMilli();
    return new StreamChunkEvent(millis, id, level, service, message, attributes, millis, 0, 100);
  }

  @Override
  public void close() {
    session.close();
  }
}
