package io.devlogs.bench;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.devlogs.flink.sinks.CassandraStreamChunk;
import io.devlogs.flink.sinks.CassandraStreamRow;
import io.devlogs.flink.sinks.CassandraStreamSink;
import io.devlogs.settings.HostPorts;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.CassandraKeys;
import io.devlogs.streams.StreamChunkCodec;
import io.devlogs.streams.StreamChunkEvent;
import io.devlogs.streams.StreamChunks;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The events of one project in Cassandra {@code stream_chunks}, partition by partition: the table
 * is partitioned by (project, stream, day), so a project's chunks are found through the streams and
 * days it wrote, never by scanning the table. Events are counted as the query service reads them:
 * chunks decoded, each (ts, event_id) of a slice once ({@link StreamChunks#merge}).
 */
public final class StreamRows implements AutoCloseable {

  /** One partition of a project: a stream on one UTC day. */
  public record Partition(String stream, LocalDate day) {}

  private static final int IN_FLIGHT = 64;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final CqlSession session;
  private final PreparedStatement chunks;
  private final PreparedStatement chunksBetween;
  private final PreparedStatement delete;
  private final PreparedStatement deleteLegacy;
  private final PreparedStatement insert;

  private StreamRows(CqlSession session, String keyspace) {
    this.session = session;
    String quotedKeyspace = CqlIdentifier.fromInternal(keyspace).asCql(true);
    String table = table(keyspace);
    String partition = " WHERE project = ? AND stream = ? AND day = ?";
    this.chunks = session.prepare("SELECT slice, block FROM " + table + partition);
    this.chunksBetween =
        session.prepare(
            "SELECT slice, block FROM " + table + partition + " AND slice >= ? AND slice < ?");
    this.delete = session.prepare("DELETE FROM " + table + partition);
    this.deleteLegacy =
        session.prepare("DELETE FROM " + quotedKeyspace + ".stream_events" + partition);
    this.insert = session.prepare(CassandraStreamSink.insertCql(quotedKeyspace));
  }

  /** Connects with the {@link CassandraKeys} settings. */
  public static StreamRows connect(Settings settings) {
    return new StreamRows(session(settings), keyspace(settings));
  }

  /** A session to the configured Cassandra, for tools that write or read it themselves. */
  public static CqlSession session(Settings settings) {
    // Every request (pages fetched later included) may take TIMEOUT on a loaded machine.
    CqlSessionBuilder builder =
        CqlSession.builder()
            .withLocalDatacenter(settings.get(CassandraKeys.DATACENTER))
            .withConfigLoader(
                DriverConfigLoader.programmaticBuilder()
                    .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, TIMEOUT)
                    .build());
    HostPorts.parse(CassandraKeys.CONTACT_POINTS.key(), settings.get(CassandraKeys.CONTACT_POINTS))
        .forEach(builder::addContactPoint);
    return builder.build();
  }

  public static String keyspace(Settings settings) {
    return settings.get(CassandraKeys.KEYSPACE);
  }

  /** The quoted {@code keyspace.stream_chunks}. */
  public static String table(String keyspace) {
    return CqlIdentifier.fromInternal(keyspace).asCql(true) + ".stream_chunks";
  }

  /** The events of {@code project} in one partition with {@code from <= ts < to}. */
  public long countSlice(String project, Partition partition, Instant from, Instant to) {
    long sliceFrom = StreamChunks.sliceOf(from.toEpochMilli());
    AsyncResultSet first =
        session
            .executeAsync(
                chunksBetween
                    .bind(
                        project,
                        partition.stream(),
                        partition.day(),
                        Instant.ofEpochMilli(sliceFrom),
                        to)
                    .setTimeout(TIMEOUT))
            .toCompletableFuture()
            .join();
    return countEvents(first, from.toEpochMilli(), to.toEpochMilli()).toCompletableFuture().join();
  }

  /** The number of events of {@code project} in {@code partitions}. */
  public long count(String project, Collection<Partition> partitions) {
    AtomicLong total = new AtomicLong();
    forEach(
        partitions,
        p ->
            session
                .executeAsync(chunks.bind(project, p.stream(), p.day()).setTimeout(TIMEOUT))
                .thenCompose(rs -> countEvents(rs, Long.MIN_VALUE, Long.MAX_VALUE))
                .thenAccept(total::addAndGet));
    return total.get();
  }

  /**
   * The events of {@code project} in one partition, in stream order, each (ts, event_id) once: what
   * the query service reads of it.
   */
  public List<StreamChunkEvent> events(String project, Partition partition) {
    List<StreamChunkEvent> events = new ArrayList<>();
    Instant slice = null;
    List<List<StreamChunkEvent>> sliceChunks = new ArrayList<>();
    for (Row row :
        session.execute(
            chunks.bind(project, partition.stream(), partition.day()).setTimeout(TIMEOUT))) {
      if (!row.getInstant("slice").equals(slice)) {
        events.addAll(StreamChunks.merge(sliceChunks));
        sliceChunks.clear();
        slice = row.getInstant("slice");
      }
      sliceChunks.add(decode(row));
    }
    events.addAll(StreamChunks.merge(sliceChunks));
    return events;
  }

  private static List<StreamChunkEvent> decode(Row row) {
    ByteBuffer block = row.getByteBuffer("block");
    byte[] bytes = new byte[block.remaining()];
    block.get(bytes);
    return StreamChunkCodec.decode(bytes);
  }

  /**
   * The events with {@code from <= ts < to} in the chunks of a result (every page of it), each (ts,
   * event_id) of a slice once.
   */
  private static CompletionStage<Long> countEvents(AsyncResultSet rs, long from, long to) {
    return new SliceCounter(from, to).count(rs);
  }

  /** Counts chunk events page by page; a slice's chunks are merged before they are counted. */
  private static final class SliceCounter {
    private final long from;
    private final long to;
    private final List<List<StreamChunkEvent>> sliceChunks = new ArrayList<>();
    private Instant slice;
    private long events;

    SliceCounter(long from, long to) {
      this.from = from;
      this.to = to;
    }

    CompletionStage<Long> count(AsyncResultSet rs) {
      for (Row row : rs.currentPage()) {
        Instant rowSlice = row.getInstant("slice");
        if (!rowSlice.equals(slice)) {
          completeSlice();
          slice = rowSlice;
        }
        sliceChunks.add(decode(row));
      }
      if (rs.hasMorePages()) {
        return rs.fetchNextPage().thenCompose(this::count);
      }
      completeSlice();
      return CompletableFuture.completedFuture(events);
    }

    private void completeSlice() {
      for (StreamChunkEvent e : StreamChunks.merge(sliceChunks)) {
        if (e.tsMillis() >= from && e.tsMillis() < to) {
          events++;
        }
      }
      sliceChunks.clear();
    }
  }

  /**
   * Deletes the chunks of {@code project} in {@code partitions}, and the rows of {@code
   * stream_events} written there before chunks.
   */
  public void delete(String project, Collection<Partition> partitions) {
    forEach(
        partitions,
        p ->
            session
                .executeAsync(delete.bind(project, p.stream(), p.day()).setTimeout(TIMEOUT))
                .thenCompose(
                    rs ->
                        session.executeAsync(
                            deleteLegacy.bind(project, p.stream(), p.day()).setTimeout(TIMEOUT)))
                .thenAccept(rs -> {}));
  }

  /**
   * Writes rows as the job does: chunks of at most {@code maxRowsPerChunk} rows per partition,
   * slice and TTL, with the job's own upsert ({@link CassandraStreamSink#insertCql}), TTL included,
   * at most {@value #IN_FLIGHT} at a time.
   */
  public void insert(Collection<CassandraStreamRow> rows, int maxRowsPerChunk) {
    forEach(
        CassandraStreamChunk.chunks(rows, maxRowsPerChunk),
        c ->
            session
                .executeAsync(
                    insert
                        .bind(
                            c.project(),
                            c.stream(),
                            c.day(),
                            c.slice(),
                            ByteBuffer.wrap(c.chunkId()),
                            c.events(),
                            ByteBuffer.wrap(c.block()),
                            c.ttlSeconds())
                        .setTimeout(TIMEOUT))
                .thenAccept(rs -> {}));
  }

  /** The session, for reads of the benchmark's ceiling. */
  public CqlSession session() {
    return session;
  }

  /** Runs one query per item, at most {@value #IN_FLIGHT} at a time; fails on any error. */
  private static <T> void forEach(Collection<T> items, Function<T, CompletionStage<Void>> query) {
    Semaphore permits = new Semaphore(IN_FLIGHT);
    CompletableFuture<?>[] all = new CompletableFuture<?>[items.size()];
    int i = 0;
    for (T p : items) {
      permits.acquireUninterruptibly();
      all[i++] =
          query.apply(p).whenComplete((ok, error) -> permits.release()).toCompletableFuture();
    }
    CompletableFuture.allOf(all).join();
  }

  @Override
  public void close() {
    session.close();
  }
}
