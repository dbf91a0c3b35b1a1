package io.devlogs.flink;

import io.devlogs.flink.aggregate.ReceivedTimeWatermarks;
import io.devlogs.flink.aggregate.TooLateEvents;
import io.devlogs.flink.aggregate.WindowAggregation;
import io.devlogs.flink.aggregate.WindowOptions;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.enrich.DeduplicateEvents;
import io.devlogs.flink.enrich.EnrichLogEventsFunction;
import io.devlogs.flink.enrich.Enrichment;
import io.devlogs.flink.parse.ParseLogEventFunction;
import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.LogWindow;
import io.devlogs.flink.records.RawLogRecord;
import io.devlogs.flink.sinks.CassandraStreamSink;
import io.devlogs.flink.sinks.ClickHouseDeadLetterSink;
import io.devlogs.flink.sinks.ClickHouseEventSink;
import io.devlogs.flink.sinks.ClickHouseWindowSink;
import io.devlogs.flink.sinks.DeadLetterSink;
import io.devlogs.flink.sinks.ParsedEventSink;
import io.devlogs.flink.sources.RawLogSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The devlogs log pipeline: raw Kafka records are parsed into {@link LogEvent}s and written to
 * ClickHouse (search), Cassandra (streams) and the parsed topic (live tail); records that cannot be
 * parsed go to the dead-letter topic with the reason, and to ClickHouse {@code dead_letters} per
 * project, where users list and replay them.
 *
 * <pre>
 * Kafka raw topic -> parse -> enrich -> dedup -+-> ClickHouse events (exactly once: staged, committed)
 * (+ watermarks per    |                       |     +-> (refused rows) -> dead letters
 *  partition from      |                       +-> Cassandra stream_events (idempotent upserts)
 *  received times)     |                       |     +-> (refused rows) -> dead letters
 *                      |                       +-> Kafka parsed topic (exactly once, transactions)
 *                      |                       +-> event time -> minute windows (project, service, level)
 *                      |                       |     +-> ClickHouse event_windows (once per row version)
 *                      |                       |     +-> (side output) too late -> dead letters
 *                      +-> (side output) dead letters -+-> Kafka dead-letter topic (exactly once, transactions)
 *                                                      +-> ClickHouse dead_letters (exactly once: staged, committed)
 * </pre>
 *
 * <p>Enrichment applies each project's settings from PostgreSQL (PII redaction, retention),
 * reloaded every {@code settings.refresh} without a restart. De-duplication drops an event whose
 * (project, event id) was seen within {@code dedup.window}, so a retried client request is counted
 * once by every sink and window.
 *
 * <p>The windows' watermarks are taken at the source, per Kafka partition, from the time ingest
 * received each record ({@link ReceivedTimeWatermarks}), so a lagging partition's backlog is never
 * late; each event falls into the window of its own time.
 *
 * <p>{@link #main} only reads options and plugs in the real connectors; {@link #build} and {@link
 * #wire} take sources and sinks, so tests run the same graph with their own.
 */
public final class LogPipelineJob {

  public static final String JOB_NAME = "devlogs-log-pipeline";

  public static final String SOURCE_NAME = "Kafka raw records";
  public static final String SOURCE_UID = "kafka-raw-source";
  public static final String PARSE_NAME = "Parse log events";
  public static final String PARSE_UID = "parse-log-events";
  public static final String ENRICH_NAME = "Enrich log events";
  public static final String ENRICH_UID = "enrich-log-events";
  public static final String DEDUP_NAME = "Drop repeated events";
  public static final String DEDUP_UID = "deduplicate-events";

  private LogPipelineJob() {}

  public static void main(String[] args) throws Exception {
    PipelineOptions options = PipelineOptions.fromArgs(args);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    configure(env, options);
    build(env, RawLogSource.builder(options).build(), realSinks(options), options);
    env.execute(JOB_NAME);
  }

  /** Checkpointing in exactly-once mode at the configured interval. */
  public static void configure(StreamExecutionEnvironment env, PipelineOptions options) {
    env.enableCheckpointing(
        options.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
    // Leave the sinks time to flush between checkpoints under load.
    env.getCheckpointConfig()
        .setMinPauseBetweenCheckpoints(Math.min(1000, options.checkpointInterval().toMillis() / 2));
  }

  /** The production sinks. */
  public static PipelineSinks realSinks(PipelineOptions options) {
    return new PipelineSinks(
        events -> Optional.of(ClickHouseEventSink.attach(events, options)),
        events -> Optional.of(CassandraStreamSink.attach(events, options)),
        events -> ParsedEventSink.attach(events, options),
        letters -> {
          DeadLetterSink.attach(letters, options);
          ClickHouseDeadLetterSink.attach(letters, options);
        },
        windows -> Optional.of(ClickHouseWindowSink.attach(windows, options)));
  }

  /**
   * Adds the pipeline reading from {@code source} to {@code env}, default window options and every
   * project with the default settings (no database).
   */
  public static void build(
      StreamExecutionEnvironment env, Source<RawLogRecord, ?, ?> source, PipelineSinks sinks)
      throws Exception {
    build(env, source, sinks, WindowOptions.defaults(), Enrichment.defaultSettings());
  }

  /** Adds the pipeline reading from {@code source} to {@code env}, configured by the options. */
  public static void build(
      StreamExecutionEnvironment env,
      Source<RawLogRecord, ?, ?> source,
      PipelineSinks sinks,
      PipelineOptions options)
      throws Exception {
    build(env, source, sinks, options.windows(), Enrichment.of(options.enrich()));
  }

  /** Adds the pipeline reading from {@code source} to {@code env}. */
  public static void build(
      StreamExecutionEnvironment env,
      Source<RawLogRecord, ?, ?> source,
      PipelineSinks sinks,
      WindowOptions windowOptions,
      Enrichment enrichment)
      throws Exception {
    DataStream<RawLogRecord> raw =
        env.fromSource(source, ReceivedTimeWatermarks.strategy(windowOptions), SOURCE_NAME)
            .uid(SOURCE_UID);
    wire(raw, sinks, windowOptions, enrichment);
  }

  /** {@link #wire(DataStream, PipelineSinks, WindowOptions, Enrichment)} with defaults. */
  public static void wire(DataStream<RawLogRecord> raw, PipelineSinks sinks) throws Exception {
    wire(raw, sinks, WindowOptions.defaults(), Enrichment.defaultSettings());
  }

  /**
   * Parses {@code raw}, enriches the events with their project's settings and sends events, minute
   * window rows and dead letters (unparseable records, events too late for their window, events a
   * store refused) to {@code sinks}. The windows follow the watermarks {@code raw} carries ({@link
   * #build} gives it those of {@link ReceivedTimeWatermarks}; a bounded stream without watermarks
   * fires every window once, at its end).
   */
  public static void wire(
      DataStream<RawLogRecord> raw,
      PipelineSinks sinks,
      WindowOptions windowOptions,
      Enrichment enrichment)
      throws Exception {
    SingleOutputStreamOperator<LogEvent> parsed =
        raw.process(new ParseLogEventFunction()).name(PARSE_NAME).uid(PARSE_UID);
    DataStream<LogEvent> events =
        parsed
            .map(new EnrichLogEventsFunction(enrichment.settings(), enrichment.refresh()))
            .name(ENRICH_NAME)
            .uid(ENRICH_UID)
            .keyBy(DeduplicateEvents.key())
            .process(new DeduplicateEvents(enrichment.dedupWindow()))
            .name(DEDUP_NAME)
            .uid(DEDUP_UID);
    List<DataStream<DeadLetter>> refused = new ArrayList<>();
    sinks.clickhouse().attach(events).ifPresent(refused::add);
    sinks.cassandra().attach(events).ifPresent(refused::add);
    sinks.parsed().attach(events);

    SingleOutputStreamOperator<LogWindow> windows =
        WindowAggregation.aggregate(events, windowOptions);
    sinks.windows().attach(windows).ifPresent(refused::add);
    DataStream<DeadLetter> tooLate =
        windows
            .getSideOutput(WindowAggregation.TOO_LATE)
            .map(new TooLateEvents(windowOptions.allowedLateness()))
            .name(WindowAggregation.TOO_LATE_NAME)
            .uid(WindowAggregation.TOO_LATE_UID);

    DataStream<DeadLetter> deadLetters =
        parsed.getSideOutput(ParseLogEventFunction.DEAD_LETTERS).union(tooLate);
    for (DataStream<DeadLetter> r : refused) {
      deadLetters = deadLetters.union(r);
    }
    sinks.deadLetters().attach(deadLetters);
  }
}
