package io.devlogs.flink.sinks;

import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.sinks.clickhouse.ClickHouseEndpoint;
import io.devlogs.flink.sinks.clickhouse.ClickHouseRowFormat;
import io.devlogs.flink.sinks.clickhouse.ExactlyOnceClickHouseSink;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Writes dead letters to ClickHouse {@code dead_letters} through {@link ExactlyOnceClickHouseSink}
 * (staging table {@code dead_letters_staging}, commit markers {@code sink_commits}, shared with the
 * other ClickHouse sinks), so each project can list its dead letters and replay them. Rows are
 * {@link ClickHouseDeadLetterFormat}.
 *
 * <p><b>Delivery guarantee: exactly once.</b> Every dead letter whose row ClickHouse accepts is in
 * {@code devlogs.dead_letters} once after any failure and restart, so counts per cause are exact
 * without {@code FINAL}; rows become visible when the checkpoint covering them completes. Dead
 * letters older than 30 days are dropped by whole partitions.
 */
public final class ClickHouseDeadLetterSink {

  public static final String NAME = "ClickHouse dead letters";
  public static final String UID = "clickhouse-dead-letters-sink";

  private ClickHouseDeadLetterSink() {}

  /**
   * Adds the sink to a stream of dead letters. A dead letter whose row ClickHouse refuses is left
   * out of {@code dead_letters} (the sink's output of refused rows goes nowhere): it is still in
   * the Kafka dead-letter topic, and a dead letter of a dead letter would only be refused again.
   */
  public static void attach(DataStream<DeadLetter> letters, ClickHouseEndpoint endpoint) {
    builder(endpoint, new ClickHouseDeadLetterFormat()).build().attach(letters, NAME, UID);
  }

  /** The sink's builder with its tables, writing rows in {@code format} (tests: other formats). */
  public static ExactlyOnceClickHouseSink.Builder<DeadLetter> builder(
      ClickHouseEndpoint endpoint, ClickHouseRowFormat<DeadLetter> format) {
    return ExactlyOnceClickHouseSink.builder(format)
        .endpoint(endpoint)
        .tables("dead_letters", "dead_letters_staging", "sink_commits");
  }
}
