package io.devlogs.bench.query;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import io.devlogs.streams.StreamChunkCodec;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The ceiling of a stream read: the stream's day partitions read straight from Cassandra {@code
 * stream_chunks}, oldest day first, chunks decoded, until {@code limit} events (every field, as the
 * query service needs them).
 */
final class CassandraProbe implements Probe {

  private final CqlSession session;
  private final PreparedStatement select;
  private final String project;
  private final List<LocalDate> days;
  private final IntFunction<String> streamOf;
  private final int limit;

  CassandraProbe(
      CqlSession session,
      String keyspace,
      String project,
      List<LocalDate> days,
      IntFunction<String> streamOf,
      int limit) {
    this.session = session;
    this.select =
        session.prepare(
            "SELECT slice, block FROM "
                + keyspace
                + ".stream_chunks WHERE project = ? AND stream = ? AND day = ?");
    this.project = project;
    this.days = days;
    this.streamOf = streamOf;
    this.limit = limit;
  }

  @Override
  public String describe(int run) {
    return "Cassandra: SELECT slice, block FROM stream_chunks WHERE (project, stream, day) = ('"
        + project
        + "', '"
        + streamOf.apply(run)
        + "', <"
        + days.size()
        + " days>) until "
        + limit
        + " events";
  }

  @Override
  public Sample call(int run) {
    String stream = streamOf.apply(run);
    long start = System.nanoTime();
    try {
      long rows = 0;
      for (LocalDate day : days) {
        ResultSet rs = session.execute(select.bind(project, stream, day).setPageSize(32));
        for (Row row : rs) {
          ByteBuffer block = row.getByteBuffer("block");
          byte[] bytes = new byte[block.remaining()];
          block.get(bytes);
          rows += StreamChunkCodec.decode(bytes).size();
          if (rows >= limit) {
            break;
          }
        }
        if (rows >= limit) {
          break;
        }
      }
      rows = Math.min(rows, limit);
      return new Sample(System.nanoTime() - start, rows, null);
    } catch (RuntimeException e) {
      return Sample.failed(System.nanoTime() - start, "Cassandra: " + e.getMessage());
    }
  }
}
