package io.devlogs.flink.sinks;

import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.LogWindow;
import io.devlogs.flink.sinks.clickhouse.ClickHouseEndpoint;
import io.devlogs.flink.sinks.clickhouse.ClickHouseRowFormat;
import io.devlogs.flink.sinks.clickhouse.ExactlyOnceClickHouseSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Writes minute window rows to ClickHouse {@code event_windows}, and their hourly rollup ({@link
 * io.devlogs.flink.aggregate.HourRollup}) to {@code event_hours}, through {@link
 * ExactlyOnceClickHouseSink} (staging tables {@code event_windows_staging} and {@code
 * event_hours_staging}, commit markers {@code sink_commits}, shared with {@link
 * ClickHouseEventSink}). Hour rows are versioned as minute rows are, with the same guarantee.
 *
 * <p><b>Delivery guarantee: every window row version lands exactly once.</b> Each firing of a
 * window (on time, then once per late event) is a full row with a higher {@code version}; each such
 * row is in {@code event_windows} once after any failure and restart, so a (window, version) pair
 * never appears twice, even without {@code FINAL}. Rows staged by an attempt whose checkpoint never
 * completed are never committed; the restored job fires the window again with a newer version that
 * holds every event of the window (its totals are checkpointed state). The table is a {@code
 * ReplacingMergeTree(version)}: readers use {@code FINAL} (or {@code argMax(..., version)}) to see
 * one row per window, the latest, which counts every event of the window once. Rows become visible
 * when the checkpoint covering them completes.
 */
public final class ClickHouseWindowSink {

  public static final String NAME = "ClickHouse event windows";
  public static final String UID = "clickhouse-event-windows-sink";
  public static final String HOURS_NAME = "ClickHouse event hours";
  public static final String HOURS_UID = "clickhouse-event-hours-sink";

  private ClickHouseWindowSink() {}

  /** Adds the sink to a stream. */
  public static SingleOutputStreamOperator<DeadLetter> attach(
      DataStream<LogWindow> windows, ClickHouseEndpoint endpoint) {
    return builder(endpoint, new ClickHouseWindowFormat()).build().attach(windows, NAME, UID);
  }

  /** Adds the sink of hour rows to a stream. */
  public static SingleOutputStreamOperator<DeadLetter> attachHours(
      DataStream<LogWindow> hours, ClickHouseEndpoint endpoint) {
    return ExactlyOnceClickHouseSink.builder(ClickHouseWindowFormat.hours())
        .endpoint(endpoint)
        .tables("event_hours", "event_hours_staging", "sink_commits")
        .build()
        .attach(hours, HOURS_NAME, HOURS_UID);
  }

  /** The sink's builder with its tables, writing rows in {@code format} (tests: other formats). */
  public static ExactlyOnceClickHouseSink.Builder<LogWindow> builder(
      ClickHouseEndpoint endpoint, ClickHouseRowFormat<LogWindow> format) {
    return ExactlyOnceClickHouseSink.builder(format)
        .endpoint(endpoint)
        .tables("event_windows", "event_windows_staging", "sink_commits");
  }
}
