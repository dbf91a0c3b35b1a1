package io.devlogs.flink.sinks;

import com.datastax.driver.core.BoundStatement;
import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.LocalDate;
import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.ResultSetFuture;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.Statement;
import java.nio.ByteBuffer;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.flink.streaming.connectors.cassandra.ClusterBuilder;

/**
 * Cassandra {@code stream_chunks} through the sink's upsert ({@link
 * CassandraStreamSink#insertCql}): the rows of one call, all of one chunk key (partition, slice,
 * TTL), as one chunk row whose block ({@link StreamChunkCodec}) holds them in stream order and
 * whose id is the block's hash, so writing the same rows again overwrites the same chunk.
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
   * Sends the rows (of one chunk key) as one chunk, one request. The future fails with the driver's
   * exception when Cassandra refuses or cannot take the write, or when a value cannot be bound.
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
                + ".stream_chunks: "
                + e.getMessage(),
            e);
      }
    }
    return session;
  }

  private Statement statement(List<CassandraStreamRow> rows) {
    CassandraStreamChunk chunk = CassandraStreamChunk.of(rows);
    // By index and typed, so the driver needs no codec lookup per value.
    BoundStatement s = insert.bind();
    s.setString(0, chunk.project());
    s.setString(1, chunk.stream());
    s.setDate(2, LocalDate.fromDaysSinceEpoch((int) chunk.day().toEpochDay()));
    s.setTimestamp(3, Date.from(chunk.slice()));
    s.setBytes(4, ByteBuffer.wrap(chunk.chunkId()));
    s.setInt(5, chunk.events());
    s.setBytes(6, ByteBuffer.wrap(chunk.block()));
    s.setInt(7, chunk.ttlSeconds());
    return s;
  }

  @Override
  public synchronized void close() {
    if (cluster != null) {
      cluster.close(); // closes the session too
    }
  }
}
