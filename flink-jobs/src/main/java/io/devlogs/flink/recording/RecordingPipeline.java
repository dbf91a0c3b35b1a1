package io.devlogs.flink.recording;

import io.devlogs.flink.aggregate.WindowAggregation;
import io.devlogs.flink.aggregate.WindowOptions;
import io.devlogs.flink.alerts.AlertOptions;
import io.devlogs.flink.alerts.PollAlertRules;
import io.devlogs.flink.alerts.RuleBook;
import io.devlogs.flink.alerts.RulesSource;
import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.sinks.ClickHouseRecordedMinuteFormat;
import io.devlogs.flink.sinks.clickhouse.ClickHouseEndpoint;
import io.devlogs.flink.sinks.clickhouse.ExactlyOnceClickHouseSink;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * Recording rules (derived metrics) computed in the stream, on the de-duplicated events:
 *
 * <pre>
 * PostgreSQL recording_rules --(every alerts.refresh)--> rule book (broadcast)
 *                                                            |
 * events --> match rules (broadcast state) --> on event time --> by (project, rule)
 *        --> one-minute event-time windows (the job's watermarks and allowed lateness)
 *        --> one row per group and minute --> ClickHouse recorded_minutes (exactly once)
 * </pre>
 *
 * <p>The rules are delivered exactly as alert rules are ({@link PollAlertRules}, {@link RuleBook}),
 * from the same database every {@code alerts.refresh}, and only when {@code alerts.enabled}. The
 * windows fire at the watermark and again for each late event within {@code
 * windows.allowed-lateness}, every firing the minute's full rows with a higher version; events
 * later than that are left out here (the job's minute windows send them to the dead letters).
 *
 * <p><b>Delivery guarantee: every row version lands exactly once</b> ({@link
 * ExactlyOnceClickHouseSink}, as {@code event_windows}); readers take {@code argMax(..., version)}
 * per minute and group.
 */
public final class RecordingPipeline {

  public static final String RULES_NAME = "Recording rules";
  public static final String RULES_UID = "recording-rules-source";
  public static final String RULES_TIME_NAME = "Recording rules hold no watermark back";
  public static final String RULES_TIME_UID = "recording-rules-watermarks";
  public static final String MATCH_NAME = "Match recording rules";
  public static final String MATCH_UID = "match-recording-rules";
  public static final String EVENT_TIME_NAME = "Recorded values on event time";
  public static final String EVENT_TIME_UID = "recorded-values-event-time";
  public static final String WINDOWS_NAME = "Minutes per recording rule";
  public static final String WINDOWS_UID = "recording-rule-minutes";
  public static final String SINK_NAME = "ClickHouse recorded minutes";
  public static final String SINK_UID = "clickhouse-recorded-minutes-sink";

  private RecordingPipeline() {}

  /**
   * What recording adds to the job: the minute rows (which derived-metric alert rules watch) and
   * the rows the store refused.
   */
  public record Recorded(
      DataStream<RecordedMinute> minutes, Optional<DataStream<DeadLetter>> refused) {}

  /** Adds the recording rules to the job while its graph is built. */
  @FunctionalInterface
  public interface Recorder {
    Optional<Recorded> attach(DataStream<LogEvent> events) throws Exception;

    /** No recording rules. */
    static Recorder none() {
      return events -> Optional.empty();
    }
  }

  /** The production recording rules: rules from PostgreSQL, rows to ClickHouse. */
  public static Recorder production(
      AlertOptions options, WindowOptions windows, ClickHouseEndpoint clickhouse) {
    if (!options.enabled()) {
      return Recorder.none();
    }
    return events -> {
      SingleOutputStreamOperator<RecordedMinute> minutes =
          record(
              events,
              new PostgresRecordingRulesSource(options.postgres()),
              options.refresh(),
              windows);
      return Optional.of(new Recorded(minutes, Optional.of(attachSink(minutes, clickhouse))));
    };
  }

  /** The minute rows of the rules {@code rules} holds, reloaded every {@code refresh}. */
  public static SingleOutputStreamOperator<RecordedMinute> record(
      DataStream<LogEvent> events, RulesSource rules, Duration refresh, WindowOptions windows) {
    BroadcastStream<RuleBook> book =
        events
            .getExecutionEnvironment()
            .addSource(new PollAlertRules(rules, refresh), RULES_NAME)
            .uid(RULES_UID)
            .setParallelism(1)
            .assignTimestampsAndWatermarks(WatermarkStrategy.forGenerator(c -> new NoHoldBack()))
            .name(RULES_TIME_NAME)
            .uid(RULES_TIME_UID)
            .setParallelism(1)
            .broadcast(MatchRecordingRules.RULES);
    TypeInformation<RecordedValue> valueType = TypeInformation.of(RecordedValue.class);
    return events
        .connect(book)
        .process(new MatchRecordingRules(), valueType)
        .name(MATCH_NAME)
        .uid(MATCH_UID)
        .transform(EVENT_TIME_NAME, valueType, new OnEventTime())
        .uid(EVENT_TIME_UID)
        .keyBy(new RecordedValue.ByRule(), Types.STRING)
        .window(TumblingEventTimeWindows.of(WindowAggregation.WINDOW))
        .allowedLateness(windows.allowedLateness())
        .aggregate(
            new RecordMinutes(),
            new RecordMinutes.Emit(),
            TypeInformation.of(RuleMinute.class),
            TypeInformation.of(RuleMinute.class),
            TypeInformation.of(RecordedMinute.class))
        .name(WINDOWS_NAME)
        .uid(WINDOWS_UID);
  }

  /**
   * The rule book's watermark is the end of time: the matching operator's watermark is the minimum
   * of its two inputs', so rules (which carry no time) must never hold the events' windows back.
   */
  static final class NoHoldBack implements WatermarkGenerator<RuleBook> {
    @Override
    public void onEvent(RuleBook book, long timestamp, WatermarkOutput output) {
      output.emitWatermark(Watermark.MAX_WATERMARK);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      output.emitWatermark(Watermark.MAX_WATERMARK);
    }
  }

  /** Adds the exactly-once sink of {@code recorded_minutes}; returns the refused rows. */
  public static SingleOutputStreamOperator<DeadLetter> attachSink(
      DataStream<RecordedMinute> minutes, ClickHouseEndpoint clickhouse) {
    return ExactlyOnceClickHouseSink.builder(new ClickHouseRecordedMinuteFormat())
        .endpoint(clickhouse)
        .tables("recorded_minutes", "recorded_minutes_staging", "sink_commits")
        .build()
        .attach(minutes, SINK_NAME, SINK_UID);
  }
}
