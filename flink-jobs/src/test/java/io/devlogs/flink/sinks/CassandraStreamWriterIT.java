package io.devlogs.flink.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import io.devlogs.flink.LocalStackSettings;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link CassandraStreamWriter} against the local stack's Cassandra: rows grouped into batches per
 * partition arrive complete with their values and TTL once {@code flush} returns, and a rejected
 * write fails the flush.
 */
class CassandraStreamWriterIT {

  private static final PipelineOptions OPTIONS =
      PipelineOptions.fromMap(LocalStackSettings.connections());
  private static final Instant DAY_START = Instant.parse("2024-05-03T00:00:00Z");

  private final String project = "p_cw_" + LocalStackSettings.randomBase62(10);

  @Test
  void batchesRowsPerPartitionAndHoldsThemAllAfterFlush() throws Exception {
    // 3 streams x 10 events, buffered all at once: 10 rows per partition in batches of at most 3
    // = 4 requests per partition.
    CassandraStreamSink sink =
        sink(new CassandraStreamWriter.Limits(30, 3, 2, Duration.ofMinutes(1)));
    List<LogEvent> events = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      events.add(event("s-" + (i % 3), i, 7));
    }
    try (CassandraStreamWriter writer = sink.writer()) {
      for (LogEvent e : events) {
        writer.write(e, null);
      }
      writer.flush(false);
      assertThat(writer.requests()).isEqualTo(12);
      try (var cluster = cluster();
          Session session = cluster.connect()) {
        for (int s = 0; s < 3; s++) {
          List<Row> rows =
              session
                  .execute(
                      "SELECT event_id, message, attributes, size_bytes, TTL(message) FROM "
                          + OPTIONS.cassandraKeyspace()
                          + ".stream_events WHERE project = ? AND stream = ? AND day = ?",
                      project,
                      "s-" + s,
                      com.datastax.driver.core.LocalDate.fromYearMonthDay(2024, 5, 3))
                  .all();
          assertThat(rows).hasSize(10);
          Row first = rows.get(0);
          assertThat(first.getString("event_id")).isEqualTo("e-" + s);
          assertThat(first.getString("message")).isEqualTo("message " + s);
          assertThat(first.getMap("attributes", String.class, String.class))
              .containsEntry("n", String.valueOf(s));
          assertThat(first.getInt("size_bytes")).isEqualTo(100 + s);
          assertThat(first.getInt(4)).isBetween(7 * 86_400 - 600, 7 * 86_400);
        }
      }
    }
  }

  @Test
  void aRejectedWriteFailsTheFlush() throws Exception {
    // A TTL above Cassandra's maximum (20 years) is rejected by the server.
    CassandraStreamSink sink =
        sink(new CassandraStreamWriter.Limits(10, 5, 4, Duration.ofMinutes(1)));
    try (CassandraStreamWriter writer = sink.writer()) {
      writer.write(event("s-bad", 0, 10_000), null);
      assertThatThrownBy(() -> writer.flush(false))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("stream_events")
          .hasStackTraceContaining("ttl");
    }
  }

  @Test
  void limitsBelowOneAreRejectedWithTheirNames() {
    assertThatThrownBy(() -> new CassandraStreamWriter.Limits(10, 0, 4, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rows per batch 0");
  }

  private CassandraStreamSink sink(CassandraStreamWriter.Limits limits) {
    return new CassandraStreamSink(
        new CassandraStreamSink.ContactPointsClusterBuilder(
            OPTIONS.cassandraContactPoints(), OPTIONS.cassandraDatacenter()),
        OPTIONS.cassandraKeyspace(),
        limits);
  }

  private static com.datastax.driver.core.Cluster cluster() {
    return new CassandraStreamSink.ContactPointsClusterBuilder(
            OPTIONS.cassandraContactPoints(), OPTIONS.cassandraDatacenter())
        .getCluster();
  }

  private LogEvent event(String stream, int i, int retentionDays) {
    long nanos = LogEvent.toEpochNanos(DAY_START.plusSeconds(i));
    return new LogEvent(
        project,
        "e-" + i,
        nanos,
        Level.INFO,
        "api",
        stream,
        "message " + i,
        Map.of("n", String.valueOf(i)),
        DAY_START.plusSeconds(i + 1).toEpochMilli(),
        100 + i,
        retentionDays);
  }
}
