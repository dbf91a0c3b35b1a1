package io.devlogs.bench;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.devlogs.flink.sinks.CassandraStreamRow;
import io.devlogs.flink.sinks.CassandraStreamSink;
import io.devlogs.settings.HostPorts;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.CassandraKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The Cassandra {@code stream_events} rows of one project, partition by partition: {@code
 * stream_events} is partitioned by (project, stream, day), so a project's rows are found through
 * the streams and days it wrote, never by scanning the table.
 */
public final class StreamRows implements AutoCloseable {

  /** One partition of a project: a stream on one UTC day. */
  public record Partition(String stream, LocalDate day) {}

  private static final int IN_FLIGHT = 64;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final CqlSession session;
  private final PreparedStatement count;
  private final PreparedStatement delete;
  private final PreparedStatement countSlice;
  private final PreparedStatement insert;

  private StreamRows(CqlSession session, String keyspace) {
    this.session = session;
    String quotedKeyspace = CqlIdentifier.fromInternal(keyspace).asCql(true);
    String table = table(keyspace);
    this.count =
        session.prepare(
            "SELECT count(*) FROM " + table + " WHERE project = ? AND stream = ? AND day = ?");
    this.countSlice =
        session.prepare(
            "SELECT count(*) FROM "
                + table
                + " WHERE project = ? AND stream = ? AND day = ? AND ts >= ? AND ts < ?");
    this.delete =
        session.prepare("DELETE FROM " + table + " WHERE project = ? AND stream = ? AND day = ?");
    this.insert = session.prepare(CassandraStreamSink.insertCql(quotedKeyspace));
  }

  /** Connects with the {@link CassandraKeys} settings. */
  public static StreamRows connect(Settings settings) {
    return new StreamRows(session(settings), keyspace(settings));
  }

  /** A session to the configured Cassandra, for tools that write or read it themselves. */
  public static CqlSession session(Settings settings) {
    CqlSessionBuilder builder =
        CqlSession.builder().withLocalDatacenter(settings.get(CassandraKeys.DATACENTER));
    HostPorts.parse(CassandraKeys.CONTACT_POINTS.key(), settings.get(CassandraKeys.CONTACT_POINTS))
        .forEach(builder::addContactPoint);
    return builder.build();
  }

  public static String keyspace(Settings settings) {
    return settings.get(CassandraKeys.KEYSPACE);
  }

  /** The quoted {@code keyspace.stream_events}. */
  public static String table(String keyspace) {
    return CqlIdentifier.fromInternal(keyspace).asCql(true) + ".stream_events";
  }

  /** The rows of {@code project} in one partition with {@code from <= ts < to}. */
  public long countSlice(String project, Partition partition, Instant from, Instant to) {
    return session
        .execute(
            countSlice
                .bind(project, partition.stream(), partition.day(), from, to)
                .setTimeout(TIMEOUT))
        .one()
        .getLong(0);
  }

  /** The number of rows of {@code project} in {@code partitions}. */
  public long count(String project, Collection<Partition> partitions) {
    AtomicLong total = new AtomicLong();
    forEach(
        partitions,
        p ->
            session
                .executeAsync(count.bind(project, p.stream(), p.day()).setTimeout(TIMEOUT))
                .thenAccept(rs -> total.addAndGet(rs.one().getLong(0))));
    return total.get();
  }

  /** Deletes the rows of {@code project} in {@code partitions}. */
  public void delete(String project, Collection<Partition> partitions) {
    forEach(
        partitions,
        p ->
            session
                .executeAsync(delete.bind(project, p.stream(), p.day()).setTimeout(TIMEOUT))
                .thenAccept(rs -> {}));
  }

  /**
   * Writes rows with the job's own upsert ({@link CassandraStreamSink#insertCql}), TTL included, at
   * most {@value #IN_FLIGHT} at a time.
   */
  public void insert(Collection<CassandraStreamRow> rows) {
    forEach(
        rows,
        r ->
            session
                .executeAsync(
                    insert
                        .bind(
                            r.project(),
                            r.stream(),
                            r.day(),
                            r.ts(),
                            r.eventId(),
                            r.level(),
                            r.service(),
                            r.message(),
                            r.attributes(),
                            r.receivedAt(),
                            r.ingestLagMs(),
                            r.sizeBytes(),
                            r.ttlSeconds())
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
