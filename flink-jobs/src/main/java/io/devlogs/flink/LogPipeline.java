package io.devlogs.flink;

import io.devlogs.flink.aggregate.HourRollup;
import io.devlogs.flink.aggregate.ReceivedTimeWatermarks;
import io.devlogs.flink.aggregate.TooLateEvents;
import io.devlogs.flink.aggregate.WindowAggregation;
import io.devlogs.flink.aggregate.WindowOptions;
import io.devlogs.flink.alerts.AlertPipeline;
import io.devlogs.flink.config.CheckpointOptions;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.enrich.DeduplicateEvents;
import io.devlogs.flink.enrich.EnrichLogEventsFunction;
import io.devlogs.flink.enrich.Enrichment;
import io.devlogs.flink.parse.ParseLogEventFunction;
import io.devlogs.flink.patterns.MinePatterns;
import io.devlogs.flink.patterns.PatternMining;
import io.devlogs.flink.patterns.PatternMinutes;
import io.devlogs.flink.patterns.PatternOptions;
import io.devlogs.flink.recording.RecordingPipeline;
import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.LogEventStreamType;
import io.devlogs.flink.records.LogWindow;
import io.devlogs.flink.records.RawLogRecord;
import io.devlogs.flink.sinks.CountDeadLetters;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.api.connector.source.Source;
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
 * Kafka raw topic -> parse -> enrich -> dedup -> patterns (per project) -+-> ClickHouse events (exactly once: staged, committed)
 * (+ watermarks per    |                                   |            |     +-> (refused rows) -> dead letters
 *  partition from      |                                   |            +-> Cassandra stream_chunks (idempotent chunks)
 *  received times)     |                                   |            |     +-> (refused rows) -> dead letters
 *                      |                                   |            +-> Kafka parsed topic (exactly once, transactions)
 *                      |                                   |            +-> alert rules (AlertPipeline) -> Kafka devlogs-alerts, PostgreSQL alert_history
 *                      |                                   |            +-> recording rules (RecordingPipeline) -> ClickHouse recorded_minutes
 *                      |                                   |            +-> event time -> minute windows (project, service, level)
 *                      |                                   |            |     +-> ClickHouse event_windows (once per row version)
 *                      |                                   |            |     +-> hour rollup (HourRollup) -> ClickHouse event_hours
 *                      |                                   |            |     +-> (side output) too late -> dead letters
 *                      |                                   |            +-> minute counts per pattern -> ClickHouse pattern_minutes
 *                      |                                   +-> (side output) new and generalised patterns -> ClickHouse patterns
 *                      +-> (side output) dead letters -> count by cause -+-> Kafka dead-letter topic (exactly once, transactions)
 *                                                                        +-> ClickHouse dead_letters (exactly once: staged, committed)
 * </pre>
 *
 * <p>Enrichment applies each project's settings from PostgreSQL (PII redaction, retention),
 * reloaded every {@code settings.refresh} without a restart. De-duplication drops an event whose
 * (project, event id) was seen within {@code dedup.window}, so a retried client request is counted
 * once by every sink and window.
 *
 * <p>The pattern miner is keyed by project (a project's patterns are one Drain tree); the events it
 * sends on reach the sinks and windows round-robin, so one busy project's writing is shared by
 * every subtask instead of riding on its miner's.
 *
 * <p>The windows' watermarks are taken at the source, per Kafka partition, from the time ingest
 * received each record ({@link ReceivedTimeWatermarks}), so a lagging partition's backlog is never
 * late; each event falls into the window of its own time.
 *
 * <p>This is the job's one way in: {@link LogPipelineJob#main} builds it from the real Kafka source
 * and {@link PipelineSinks#production the production sinks}; tests and benchmarks build it from
 * their own source and sinks and run the same graph.
 *
 * @param source the raw records; {@link #addTo} gives them the watermarks of {@link
 *     ReceivedTimeWatermarks} (a bounded source fires every window at its end)
 * @param sinks where events, minute windows and dead letters go
 * @param checkpoints when the job checkpoints (the one place that sets it)
 * @param windows the minute windows
 * @param enrichment project settings and de-duplication
 * @param patterns log pattern mining ({@link PatternMining}): every event gets its pattern id;
 *     patterns and their per-minute counts go to {@link PipelineSinks#patterns} and {@link
 *     PipelineSinks#patternMinutes}
 * @param alerts decides the alert rules on the events and the recorded minutes ({@link
 *     AlertPipeline}); none unless {@link #withAlerts} adds them
 * @param recording records the derived metrics of the recording rules ({@link RecordingPipeline});
 *     none unless {@link #withRecording} adds them; refused rows join the dead letters
 */
public record LogPipeline(
    Source<RawLogRecord, ?, ?> source,
    PipelineSinks sinks,
    CheckpointOptions checkpoints,
    WindowOptions windows,
    Enrichment enrichment,
    PatternOptions patterns,
    AlertPipeline.Decider alerts,
    RecordingPipeline.Recorder recording) {

  /** The pipeline with the default pattern options. */
  public LogPipeline(
      Source<RawLogRecord, ?, ?> source,
      PipelineSinks sinks,
      CheckpointOptions checkpoints,
      WindowOptions windows,
      Enrichment enrichment) {
    this(source, sinks, checkpoints, windows, enrichment, PatternOptions.defaults());
  }

  /** The pipeline without alerts. */
  public LogPipeline(
      Source<RawLogRecord, ?, ?> source,
      PipelineSinks sinks,
      CheckpointOptions checkpoints,
      WindowOptions windows,
      Enrichment enrichment,
      PatternOptions patterns) {
    this(
        source,
        sinks,
        checkpoints,
        windows,
        enrichment,
        patterns,
        AlertPipeline.Decider.none(),
        RecordingPipeline.Recorder.none());
  }

  /** The same pipeline, deciding alert rules on its events with {@code alerts}. */
  public LogPipeline withAlerts(AlertPipeline.Decider alerts) {
    return new LogPipeline(
        source, sinks, checkpoints, windows, enrichment, patterns, alerts, recording);
  }

  /** The same pipeline, recording derived metrics of its events with {@code recording}. */
  public LogPipeline withRecording(RecordingPipeline.Recorder recording) {
    return new LogPipeline(
        source, sinks, checkpoints, windows, enrichment, patterns, alerts, recording);
  }

  public static final String SOURCE_NAME = "Kafka raw records";
  public static final String SOURCE_UID = "kafka-raw-source";
  public static final String PARSE_NAME = "Parse log events";
  public static final String PARSE_UID = "parse-log-events";
  public static final String ENRICH_NAME = "Enrich log events";
  public static final String ENRICH_UID = "enrich-log-events";
  public static final String DEDUP_NAME = "Drop repeated events";
  public static final String DEDUP_UID = "deduplicate-events";
  public static final String IN_TURN_NAME = "Events in turn";
  public static final String IN_TURN_UID = "events-in-turn";

  public LogPipeline {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sinks, "sinks");
    Objects.requireNonNull(checkpoints, "checkpoints");
    Objects.requireNonNull(windows, "windows");
    Objects.requireNonNull(enrichment, "enrichment");
    Objects.requireNonNull(patterns, "patterns");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(recording, "recording");
  }

  /** The pipeline configured by {@code options}, project settings read from PostgreSQL. */
  public static LogPipeline of(
      Source<RawLogRecord, ?, ?> source, PipelineSinks sinks, PipelineOptions options) {
    return new LogPipeline(
        source,
        sinks,
        options.checkpoints(),
        options.windows(),
        Enrichment.of(options.enrich()),
        options.patterns());
  }

  /**
   * Configures checkpointing of {@code env} and adds the pipeline: parses the raw records, enriches
   * the events with their project's settings and sends events, minute window rows and dead letters
   * (unparseable records, events too late for their window, events a store refused) to the sinks.
   */
  public void addTo(StreamExecutionEnvironment env) throws Exception {
    checkpoints.applyTo(env);
    // Every record type of the job is an immutable Java record and no operator keeps or changes
    // its input, so chained operators may share an object: without this, each event is deep-copied
    // once per chained consumer (three sinks and the windows), a tenth of the job's CPU.
    env.getConfig().enableObjectReuse();
    DataStream<RawLogRecord> raw =
        env.fromSource(source, ReceivedTimeWatermarks.strategy(windows), SOURCE_NAME)
            .uid(SOURCE_UID);
    // Events cross to the de-duplication task in LogEventStreamType's compact form.
    SingleOutputStreamOperator<LogEvent> parsed =
        raw.process(new ParseLogEventFunction())
            .returns(LogEventStreamType.INSTANCE)
            .name(PARSE_NAME)
            .uid(PARSE_UID);
    DataStream<LogEvent> unique =
        parsed
            .map(new EnrichLogEventsFunction(enrichment.settings(), enrichment.refresh()))
            .returns(LogEventStreamType.INSTANCE)
            .name(ENRICH_NAME)
            .uid(ENRICH_UID)
            .keyBy(DeduplicateEvents.key())
            .process(new DeduplicateEvents(enrichment.dedupWindow()))
            .returns(LogEventStreamType.INSTANCE)
            .name(DEDUP_NAME)
            .uid(DEDUP_UID);
    SingleOutputStreamOperator<LogEvent> mined = PatternMining.mine(unique, patterns);
    // One operator takes the events in turn, so that the sinks and windows chain to it and share
    // one shuffle (each consumer of rebalance() alone would get its own).
    DataStream<LogEvent> events =
        mined
            .rebalance()
            .map(event -> event)
            .returns(LogEventStreamType.INSTANCE)
            .name(IN_TURN_NAME)
            .uid(IN_TURN_UID);
    List<DataStream<DeadLetter>> refused = new ArrayList<>();
    sinks.clickhouse().attach(events).ifPresent(refused::add);
    sinks.cassandra().attach(events).ifPresent(refused::add);
    sinks.parsed().attach(events);
    Optional<RecordingPipeline.Recorded> recorded = recording.attach(events);
    recorded.flatMap(RecordingPipeline.Recorded::refused).ifPresent(refused::add);
    alerts.attach(events, recorded.map(RecordingPipeline.Recorded::minutes));

    SingleOutputStreamOperator<LogWindow> minutes = WindowAggregation.aggregate(events, windows);
    sinks.windows().attach(minutes).ifPresent(refused::add);
    sinks.hours().attach(HourRollup.of(minutes, windows.allowedLateness())).ifPresent(refused::add);
    sinks.patterns().attach(mined.getSideOutput(MinePatterns.CHANGES)).ifPresent(refused::add);
    sinks.patternMinutes().attach(PatternMinutes.count(events, windows)).ifPresent(refused::add);
    DataStream<DeadLetter> tooLate =
        minutes
            .getSideOutput(WindowAggregation.TOO_LATE)
            .flatMap(new TooLateEvents(windows.allowedLateness()))
            .name(WindowAggregation.TOO_LATE_NAME)
            .uid(WindowAggregation.TOO_LATE_UID);

    DataStream<DeadLetter> deadLetters =
        parsed.getSideOutput(ParseLogEventFunction.DEAD_LETTERS).union(tooLate);
    for (DataStream<DeadLetter> r : refused) {
      deadLetters = deadLetters.union(r);
    }
    sinks
        .deadLetters()
        .attach(
            deadLetters
                .map(new CountDeadLetters())
                .name(CountDeadLetters.NAME)
                .uid(CountDeadLetters.UID));
  }
}
