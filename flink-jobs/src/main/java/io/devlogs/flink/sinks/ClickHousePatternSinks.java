package io.devlogs.flink.sinks;

import io.devlogs.flink.patterns.PatternMinute;
import io.devlogs.flink.patterns.PatternRow;
import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.sinks.clickhouse.ClickHouseEndpoint;
import io.devlogs.flink.sinks.clickhouse.ExactlyOnceClickHouseSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Writes log patterns to ClickHouse through {@link ExactlyOnceClickHouseSink}: pattern versions to
 * {@code patterns} and per-minute counts to {@code pattern_minutes} (staging tables {@code
 * *_staging}, commit markers {@code sink_commits}, shared with the other ClickHouse sinks).
 *
 * <p><b>Delivery guarantee: every row version lands exactly once</b>, as in {@link
 * ClickHouseWindowSink}: both tables are {@code ReplacingMergeTree(version)}, and readers use
 * {@code FINAL} or {@code argMax(..., version)} to see the newest row per pattern and per minute.
 * Rows become visible when the checkpoint covering them completes.
 */
public final class ClickHousePatternSinks {

  public static final String PATTERNS_NAME = "ClickHouse patterns";
  public static final String PATTERNS_UID = "clickhouse-patterns-sink";
  public static final String MINUTES_NAME = "ClickHouse pattern minutes";
  public static final String MINUTES_UID = "clickhouse-pattern-minutes-sink";

  private ClickHousePatternSinks() {}

  /** Adds the sink of pattern versions to a stream. */
  public static SingleOutputStreamOperator<DeadLetter> attachPatterns(
      DataStream<PatternRow> patterns, ClickHouseEndpoint endpoint) {
    return ExactlyOnceClickHouseSink.builder(new ClickHousePatternFormat())
        .endpoint(endpoint)
        .tables("patterns", "patterns_staging", "sink_commits")
        .build()
        .attach(patterns, PATTERNS_NAME, PATTERNS_UID);
  }

  /** Adds the sink of per-minute pattern counts to a stream. */
  public static SingleOutputStreamOperator<DeadLetter> attachMinutes(
      DataStream<PatternMinute> minutes, ClickHouseEndpoint endpoint) {
    return ExactlyOnceClickHouseSink.builder(new ClickHousePatternMinuteFormat())
        .endpoint(endpoint)
        .tables("pattern_minutes", "pattern_minutes_staging", "sink_commits")
        .build()
        .attach(minutes, MINUTES_NAME, MINUTES_UID);
  }
}
