package io.devlogs.query.support;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.devlogs.query.QueryOptions;
import io.devlogs.query.streams.CassandraStreamReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Rows of Cassandra's {@code stream_events} written straight into the local stack, as the Flink job
 * writes them (one partition per project, stream and UTC day).
 */
public final class StreamRows implements AutoCloseable {
  private final CqlSession session;
  private final PreparedStatement insert;

  public StreamRows(QueryOptions options) {
    session =
        CassandraStreamReader.connect(
            options.cassandraContactPoints(),
            options.cassandraDatacenter(),
            options.cassandraKeyspace());
    insert =
        session.prepare(
            "INSERT INTO stream_events (project, stream, day, ts, event_id, level, service,"
                + " message, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  }

  /** The session, e.g. for a {@link CassandraStreamReader} over the same keyspace. */
  public CqlSession session() {
    return session;
  }

  public void insert(
      String projectId,
      String stream,
      String id,
      Instant ts,
      String level,
      String service,
      String message,
      Map<String, String> attributes) {
    session.execute(
        insert.bind(
            projectId,
            stream,
            LocalDate.ofInstant(ts, ZoneOffset.UTC),
            ts,
            id,
            level,
            service,
            message,
            attributes));
  }

  @Override
  public void close() {
    session.close();
  }
}
