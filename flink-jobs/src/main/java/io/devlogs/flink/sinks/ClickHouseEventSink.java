package io.devlogs.flink.sinks;

import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.records.LogEvent;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;

/**
 * Writes events to ClickHouse {@code events} through the Flink JDBC connector and the {@code
 * ru.yandex.clickhouse} 0.3.2 driver (the driver that works with ClickHouse 18.16, with {@code
 * compress=false}).
 *
 * <p><b>Delivery guarantee: at least once.</b> Rows are inserted in batches of {@value #BATCH_SIZE}
 * or every {@value #BATCH_INTERVAL_MS} ms, and every checkpoint flushes the pending batch before it
 * completes, so no event of a completed checkpoint is lost. After a failure the job replays from
 * the last checkpoint and may insert some rows a second time. {@code devlogs.events} is a {@code
 * ReplacingMergeTree} ordered by (project, ts, ts_nanos, event_id) and a replayed event has the
 * same values, so readers that use {@code FINAL} see it once. Exactly-once with commit markers is a
 * later step.
 */
public final class ClickHouseEventSink {

  public static final String DRIVER = "ru.yandex.clickhouse.ClickHouseDriver";

  /**
   * Unqualified, so the database of {@code clickhouse.url} applies ({@code devlogs} by default).
   */
  public static final String INSERT_SQL =
      "INSERT INTO events (project, ts, ts_nanos, event_id, level, service, stream, message,"
          + " attr_keys, attr_values, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  static final int BATCH_SIZE = 5000;
  static final long BATCH_INTERVAL_MS = 1000;
  static final int MAX_RETRIES = 3;

  public static final String NAME = "ClickHouse events";
  public static final String UID = "clickhouse-events-sink";

  private ClickHouseEventSink() {}

  /** Adds the sink to a stream of events. */
  public static DataStreamSink<LogEvent> attach(DataStream<LogEvent> events, PipelineOptions o) {
    return events.sinkTo(create(o)).name(NAME).uid(UID);
  }

  /** The JDBC sink itself. */
  public static JdbcSink<LogEvent> create(PipelineOptions options) {
    return JdbcSink.<LogEvent>builder()
        .withQueryStatement(INSERT_SQL, ClickHouseEventSink::bind)
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

  /** Binds one event to {@link #INSERT_SQL}. */
  static void bind(PreparedStatement ps, LogEvent event) throws SQLException {
    ClickHouseEventRow row = ClickHouseEventRow.of(event);
    ps.setString(1, row.project());
    ps.setString(2, row.ts());
    ps.setLong(3, row.tsNanos());
    ps.setString(4, row.eventId());
    ps.setString(5, row.level());
    ps.setString(6, row.service());
    ps.setString(7, row.stream());
    ps.setString(8, row.message());
    ps.setArray(9, ps.getConnection().createArrayOf("String", row.attrKeys().toArray()));
    ps.setArray(10, ps.getConnection().createArrayOf("String", row.attrValues().toArray()));
    ps.setString(11, row.receivedAt());
  }
}
