package io.devlogs.flink.sinks;

import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.sinks.clickhouse.ClickHouseEndpoint;
import io.devlogs.flink.sinks.clickhouse.ClickHouseRowFormat;
import io.devlogs.flink.sinks.clickhouse.ExactlyOnceClickHouseSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Writes events to ClickHouse {@code events} through {@link ExactlyOnceClickHouseSink} (HTTP
 * interface; staging table {@code events_staging}, commit markers {@code sink_commits}).
 *
 * <p><b>Delivery guarantee: exactly once.</b> Every event of the raw topic is in {@code
 * devlogs.events} once after any failure and restart, so counts are exact without {@code FINAL};
 * events become visible when the checkpoint covering them completes. See {@link
 * ExactlyOnceClickHouseSink} for the protocol and its assumptions. The table stays a {@code
 * ReplacingMergeTree} as a second safety net for other writers.
 */
public final class ClickHouseEventSink {

  public static final String NAME = "ClickHouse events";
  public static final String UID = "clickhouse-events-sink";

  private ClickHouseEventSink() {}

  /** Adds the sink to a stream. */
  public static SingleOutputStreamOperator<DeadLetter> attach(
      DataStream<LogEvent> events, ClickHouseEndpoint endpoint) {
    return builder(endpoint, new ClickHouseEventFormat()).build().attach(events, NAME, UID);
  }

  /** The sink's builder with its tables, writing rows in {@code format} (tests: other formats). */
  public static ExactlyOnceClickHouseSink.Builder<LogEvent> builder(
      ClickHouseEndpoint endpoint, ClickHouseRowFormat<LogEvent> format) {
    return ExactlyOnceClickHouseSink.builder(format)
        .endpoint(endpoint)
        .tables("events", "events_staging", "sink_commits");
  }
}
