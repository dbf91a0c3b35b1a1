package io.devlogs.flink.sinks;

import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.records.LogWindow;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;

/**
 * Writes minute window rows to ClickHouse {@code event_windows} through the Flink JDBC connector
 * and the {@code ru.yandex.clickhouse} 0.3.2 driver (as {@link ClickHouseEventSink}).
 *
 * <p><b>Delivery guarantee: at least once, which is exact for readers.</b> Batches are flushed on
 * every checkpoint; after a failure the job replays from the last checkpoint and may write rows
 * again. A row is a full replacement of its window, not an increment: {@code event_windows} is a
 * {@code ReplacingMergeTree(version)} keyed by (project, minute, service, level), and readers that
 * use {@code FINAL} (or {@code argMax(..., version)}) see only the highest version of each window,
 * which is the row with every event of the window. A duplicate or an older row never adds to the
 * counts.
 */
public final class ClickHouseWindowSink {

  /** Unqualified, so the database of {@code clickhouse.url} applies. */
  public static final String INSERT_SQL =
      "INSERT INTO event_windows (project, service, level, minute, events, bytes, errors,"
          + " latency_count, latency_sum, latency_min, latency_max, latency_p50, latency_p95,"
          + " latency_p99, latency_bucket_ids, latency_bucket_counts, version)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  static final int BATCH_SIZE = 2000;
  static final long BATCH_INTERVAL_MS = 1000;
  static final int MAX_RETRIES = 3;

  public static final String NAME = "ClickHouse event windows";
  public static final String UID = "clickhouse-event-windows-sink";

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private ClickHouseWindowSink() {}

  /** Adds the sink to a stream of window rows. */
  public static DataStreamSink<LogWindow> attach(
      DataStream<LogWindow> windows, PipelineOptions options) {
    return windows.sinkTo(create(options)).name(NAME).uid(UID);
  }

  /** The legacy driver in clickhouse-jdbc 0.3.2: the one that talks to ClickHouse 18.16. */
  static final String DRIVER = "ru.yandex.clickhouse.ClickHouseDriver";

  /** The JDBC sink itself. */
  public static JdbcSink<LogWindow> create(PipelineOptions options) {
    return JdbcSink.<LogWindow>builder()
        .withQueryStatement(INSERT_SQL, ClickHouseWindowSink::bind)
        .withExecutionOptions(
            JdbcExecutionOptions.builder()
                .withBatchSize(BATCH_SIZE)
                .withBatchIntervalMs(BATCH_INTERVAL_MS)
                .withMaxRetries(MAX_RETRIES)
                .build())
        .buildAtLeastOnce(
            new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                .withUrl(options.clickhouseUrl())
                .withDriverName(DRIVER)
                .withUsername(options.clickhouseUser())
                .withPassword(options.clickhousePassword())
                .build());
  }

  /** Binds one row to {@link #INSERT_SQL}. */
  static void bind(PreparedStatement ps, LogWindow w) throws SQLException {
    ps.setString(1, w.project());
    ps.setString(2, w.service());
    ps.setString(3, w.level().name());
    ps.setString(4, DATE_TIME.format(Instant.ofEpochMilli(w.windowStartMillis())));
    ps.setLong(5, w.events());
    ps.setLong(6, w.bytes());
    ps.setLong(7, w.errors());
    ps.setLong(8, w.latencyCount());
    ps.setDouble(9, w.latencySum());
    ps.setDouble(10, w.latencyMin());
    ps.setDouble(11, w.latencyMax());
    ps.setDouble(12, w.latencyP50());
    ps.setDouble(13, w.latencyP95());
    ps.setDouble(14, w.latencyP99());
    Integer[] ids = new Integer[w.latencyBucketIds().length];
    Long[] counts = new Long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = w.latencyBucketIds()[i];
      counts[i] = w.latencyBucketCounts()[i];
    }
    ps.setArray(15, ps.getConnection().createArrayOf("UInt16", ids));
    ps.setArray(16, ps.getConnection().createArrayOf("UInt64", counts));
    ps.setLong(17, w.version());
  }
}
