package io.devlogs.flink;

import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.patterns.PatternMinute;
import io.devlogs.flink.patterns.PatternRow;
import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.LogWindow;
import io.devlogs.flink.sinks.CassandraStreamSink;
import io.devlogs.flink.sinks.ClickHouseDeadLetterSink;
import io.devlogs.flink.sinks.ClickHouseEventSink;
import io.devlogs.flink.sinks.ClickHousePatternSinks;
import io.devlogs.flink.sinks.ClickHouseWindowSink;
import io.devlogs.flink.sinks.DeadLetterSink;
import io.devlogs.flink.sinks.ParsedEventSink;
import io.devlogs.flink.sinks.clickhouse.ClickHouseEndpoint;
import java.util.Optional;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Where the pipeline's outputs go. Each attacher adds its sink (and any sink-specific mapping) to
 * the stream it is given, with names and stable uids; tests pass collecting sinks instead. A store
 * may refuse a record: its attacher returns the dead letters of refused records, which join the
 * pipeline's other dead letters.
 *
 * @param clickhouse receives every parsed event
 * @param cassandra receives every parsed event
 * @param parsed receives every parsed event (the Kafka topic for live tail)
 * @param deadLetters receives every record that could not be parsed or stored, and every event too
 *     late for its minute window
 * @param windows receives the minute window rows (one per window firing, higher version replaces)
 * @param hours receives their hourly rollup ({@link io.devlogs.flink.aggregate.HourRollup}, as
 *     {@code windows})
 * @param patterns receives every created or generalised log pattern (higher version replaces)
 * @param patternMinutes receives the per-minute counts per pattern (as {@code windows})
 */
public record PipelineSinks(
    Store<LogEvent> clickhouse,
    Store<LogEvent> cassandra,
    Attacher<LogEvent> parsed,
    Attacher<DeadLetter> deadLetters,
    Store<LogWindow> windows,
    Store<LogWindow> hours,
    Store<PatternRow> patterns,
    Store<PatternMinute> patternMinutes) {

  /** Sinks that store no hour rows and no patterns (tests of the other outputs). */
  public PipelineSinks(
      Store<LogEvent> clickhouse,
      Store<LogEvent> cassandra,
      Attacher<LogEvent> parsed,
      Attacher<DeadLetter> deadLetters,
      Store<LogWindow> windows) {
    this(clickhouse, cassandra, parsed, deadLetters, windows, discard(), discard(), discard());
  }

  /** The production sinks, each given only the options of its own store. */
  public static PipelineSinks production(PipelineOptions options) {
    ClickHouseEndpoint clickhouse = options.clickhouse().endpoint();
    return new PipelineSinks(
        events -> Optional.of(ClickHouseEventSink.attach(events, clickhouse)),
        events -> Optional.of(CassandraStreamSink.attach(events, options.cassandra())),
        events -> ParsedEventSink.attach(events, options.kafka().parsed()),
        letters -> {
          DeadLetterSink.attach(letters, options.kafka().deadLetters());
          ClickHouseDeadLetterSink.attach(letters, clickhouse);
        },
        windows -> Optional.of(ClickHouseWindowSink.attach(windows, clickhouse)),
        hours -> Optional.of(ClickHouseWindowSink.attachHours(hours, clickhouse)),
        patterns -> Optional.of(ClickHousePatternSinks.attachPatterns(patterns, clickhouse)),
        minutes -> Optional.of(ClickHousePatternSinks.attachMinutes(minutes, clickhouse)));
  }

  /** Adds a sink to a stream while the job graph is built (runs on the client only). */
  @FunctionalInterface
  public interface Attacher<T> {
    void attach(DataStream<T> stream) throws Exception;
  }

  /** Adds a store's sink; returns the dead letters of the records the store refused, if any. */
  @FunctionalInterface
  public interface Store<T> {
    Optional<DataStream<DeadLetter>> attach(DataStream<T> stream) throws Exception;
  }

  /** A store whose sink refuses nothing (a test's collecting sink). */
  public static <T> Store<T> refusesNothing(Attacher<T> attacher) {
    return stream -> {
      attacher.attach(stream);
      return Optional.empty();
    };
  }

  /** A store that drops what it is given. */
  public static <T> Store<T> discard() {
    return refusesNothing(stream -> stream.sinkTo(new DiscardingSink<>()).name("Discard"));
  }
}
