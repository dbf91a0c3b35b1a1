package io.devlogs.flink.sinks;

import com.datastax.driver.core.BatchStatement;
import com.datastax.driver.core.BoundStatement;
import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.LocalDate;
import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.ResultSetFuture;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.Statement;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.flink.streaming.connectors.cassandra.ClusterBuilder;

/**
 * Cassandra {@code stream_events} through the sink's upsert ({@link
 * CassandraStreamSink#insertCql}): one row alone, or rows of one partition as one unlogged batch
 * (one mutation on one replica).
 *
 * <p>It connects on the first write, and again on the next write after connecting failed, so a job
 * starts and runs while Cassandra is down: the write fails with {@link
 * CassandraFailure.NotConnected} until Cassandra answers.
 */
final class CassandraStreamStore implements CassandraStreamWriter.RowStore {

  private final ClusterBuilder clusterBuilder;
  private final String keyspace;
  private Cluster cluster;
  private Session session;
  private PreparedStatement insert;

  CassandraStreamStore(ClusterBuilder clusterBuilder, String keyspace) {
    this.clusterBuilder = clusterBuilder;
    this.keyspace = keyspace;
  }

  /**
   * Sends the rows (of one partition) as one request. The future fails with the driver's exception
   * when Cassandra refuses or cannot take the write, or when a value cannot be bound.
   */
  @Override
  public CompletableFuture<Void> write(List<CassandraStreamRow> rows) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    ResultSetFuture result;
    try {
      result = connected().executeAsync(statement(rows));
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
      return done;
    }
    result.addListener(
        () -> {
          try {
            result.get();
            done.complete(null);
          } catch (ExecutionException e) {
            done.completeExceptionally(e.getCause());
          } catch (InterruptedException | RuntimeException e) {
            done.completeExceptionally(e);
          }
        },
        Runnable::run);
    return done;
  }

  private synchronized Session connected() {
    if (session == null) {
      Cluster c = clusterBuilder.getCluster();
      try {
        Session s = c.connect();
        insert = s.prepare(CassandraStreamSink.insertCql(keyspace));
        cluster = c;
        session = s;
      } catch (RuntimeException e) {
        c.close();
        throw new CassandraFailure.NotConnected(
            "Cannot connect to Cassandra and prepare the upsert into "
                + keyspace
                + ".stream_events: "
                + e.getMessage(),
            e);
      }
    }
    return session;
  }

  private Statement statement(List<CassandraStreamRow> rows) {
    if (rows.size() == 1) {
      return bind(rows.get(0));
    }
    BatchStatement batch = new BatchStatement(BatchStatement.Type.UNLOGGED);
    for (CassandraStreamRow row : rows) {
      batch.add(bind(row));
    }
    return batch;
  }

  private BoundStatement bind(CassandraStreamRow row) {
    // By index and typed, so the driver needs no codec lookup per value.
    BoundStatement s = insert.bind();
    s.setString(0, row.project());
    s.setString(1, row.stream());
    s.setDate(2, LocalDate.fromDaysSinceEpoch((int) row.day().toEpochDay()));
    s.setTimestamp(3, Date.from(row.ts()));
    s.setString(4, row.eventId());
    s.setString(5, row.level());
    s.setString(6, row.service());
    s.setString(7, row.message());
    s.setMap(8, row.attributes());
    s.setTimestamp(9, Date.from(row.receivedAt()));
    s.setLong(10, row.ingestLagMs());
    s.setInt(11, row.sizeBytes());
    s.setInt(12, row.ttlSeconds());
    return s;
  }

  @Override
  public synchronized void close() {
    if (cluster != null) {
      cluster.close(); // closes the session too
    }
  }
}
