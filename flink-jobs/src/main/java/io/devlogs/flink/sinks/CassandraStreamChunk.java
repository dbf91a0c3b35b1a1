package io.devlogs.flink.sinks;

import io.devlogs.streams.StreamChunkCodec;
import io.devlogs.streams.StreamChunkEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code stream_chunks}, bound in the order of {@link CassandraStreamSink#insertCql}:
 * rows of one chunk key (project, stream, day, slice, TTL) encoded as one block, keyed by the
 * block's hash.
 */
public record CassandraStreamChunk(
    String project,
    String stream,
    LocalDate day,
    Instant slice,
    byte[] chunkId,
    int events,
    byte[] block,
    int ttlSeconds) {

  /**
   * The chunk of rows that share one chunk key.
   *
   * @throws IllegalArgumentException if they do not
   */
  public static CassandraStreamChunk of(List<CassandraStreamRow> rows) {
    CassandraStreamRow first = rows.get(0);
    Key key = Key.of(first);
    List<StreamChunkEvent> events = new ArrayList<>(rows.size());
    for (CassandraStreamRow row : rows) {
      if (!Key.of(row).equals(key)) {
        throw new IllegalArgumentException("rows of one chunk share its key: " + key);
      }
      events.add(row.chunkEvent());
    }
    byte[] block = StreamChunkCodec.encode(events);
    return new CassandraStreamChunk(
        key.project(),
        key.stream(),
        key.day(),
        key.slice(),
        StreamChunkCodec.id(block),
        rows.size(),
        block,
        key.ttlSeconds());
  }

  /** Rows cut into chunks of at most {@code maxRows} rows per chunk key (tools that load rows). */
  public static List<CassandraStreamChunk> chunks(
      Collection<CassandraStreamRow> rows, int maxRows) {
    Map<Key, List<CassandraStreamRow>> byKey = new LinkedHashMap<>();
    for (CassandraStreamRow row : rows) {
      byKey.computeIfAbsent(Key.of(row), k -> new ArrayList<>()).add(row);
    }
    List<CassandraStreamChunk> chunks = new ArrayList<>();
    for (List<CassandraStreamRow> group : byKey.values()) {
      for (int i = 0; i < group.size(); i += maxRows) {
        chunks.add(of(group.subList(i, Math.min(group.size(), i + maxRows))));
      }
    }
    return chunks;
  }

  /** The rows one chunk may hold: one partition, one slice, one TTL. */
  record Key(String project, String stream, LocalDate day, Instant slice, int ttlSeconds) {
    static Key of(CassandraStreamRow row) {
      return new Key(row.project(), row.stream(), row.day(), row.slice(), row.ttlSeconds());
    }
  }
}
