package io.devlogs.flink.alerts;

import io.devlogs.alerts.AlertTransition;
import io.devlogs.flink.recording.RecordedMinute;
import io.devlogs.flink.records.LogEvent;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts decided in the stream, on the de-duplicated events (a replayed or retried event is counted
 * once):
 *
 * <pre>
 * PostgreSQL alert_rules, alert_silences --(every alerts.refresh)--> rule book (broadcast)
 *                                                                       |
 * de-duplicated events --> match rules (broadcast state) --+
 *                                                          +--> by (project, rule) --> evaluate
 * recorded minutes -----> match derived-metric rules ------+                              |
 *   (RecordingPipeline, refirings included)                                               |
 *                 +--> Kafka devlogs-alerts (exactly once, transactions) <-------------+
 *                 +--> PostgreSQL alert_history (exactly once, XA) <-------------------+
 * </pre>
 */
public final class AlertPipeline {

  private static final Logger LOG = LoggerFactory.getLogger(AlertPipeline.class);

  public static final String RULES_NAME = "Alert rules";
  public static final String RULES_UID = "alert-rules-source";
  public static final String MATCH_NAME = "Match alert rules";
  public static final String MATCH_UID = "match-alert-rules";
  public static final String MATCH_MINUTES_NAME = "Match derived-metric alert rules";
  public static final String MATCH_MINUTES_UID = "match-derived-metric-alert-rules";
  public static final String EVALUATE_NAME = "Evaluate alert rules";
  public static final String EVALUATE_UID = "evaluate-alert-rules";

  private AlertPipeline() {}

  /**
   * Adds the alerts to the job while its graph is built: decides on the events and, when the job
   * records derived metrics, on their closed minutes.
   */
  @FunctionalInterface
  public interface Decider {
    void attach(DataStream<LogEvent> events, Optional<DataStream<RecordedMinute>> minutes)
        throws Exception;

    /** No alerts. */
    static Decider none() {
      return (events, minutes) -> {};
    }
  }

  /** The production alerts: rules from PostgreSQL, transitions to the topic and the history. */
  public static Decider production(AlertOptions options) {
    if (!options.enabled()) {
      return Decider.none();
    }
    return (events, minutes) -> {
      SingleOutputStreamOperator<AlertTransition> transitions =
          decide(events, minutes, new PostgresRulesSource(options.postgres()), options.refresh());
      AlertTopicSink.attach(transitions, options.topic());
      if (AlertHistorySink.preparedTransactionsEnabled(options.postgres())) {
        AlertHistorySink.attach(transitions, options.postgres());
      } else {
        // A job redeployed before PostgreSQL was restarted with the setting keeps running, and
        // says what is missing: the transitions still reach the topic.
        LOG.error(
            "PostgreSQL at {} has max_prepared_transactions = 0: alert transitions are written to"
                + " the topic but not to alert_history. Start PostgreSQL with"
                + " max_prepared_transactions > 0 (bin/devlogs up does) and resubmit the job.",
            options.postgres().url());
      }
    };
  }

  /** The transitions of the rules {@code rules} holds, reloaded every {@code refresh}. */
  public static SingleOutputStreamOperator<AlertTransition> decide(
      DataStream<LogEvent> events, RulesSource rules, Duration refresh) {
    return decide(events, Optional.empty(), rules, refresh);
  }

  /**
   * The transitions of the rules {@code rules} holds, reloaded every {@code refresh}, on the events
   * and the recorded minutes of derived metrics.
   */
  public static SingleOutputStreamOperator<AlertTransition> decide(
      DataStream<LogEvent> events,
      Optional<DataStream<RecordedMinute>> minutes,
      RulesSource rules,
      Duration refresh) {
    BroadcastStream<RuleBook> book =
        events
            .getExecutionEnvironment()
            .addSource(new PollAlertRules(rules, refresh), RULES_NAME)
            .uid(RULES_UID)
            .setParallelism(1)
            .broadcast(MatchAlertRules.RULES);
    DataStream<AlertInput> inputs =
        events.connect(book).process(new MatchAlertRules()).name(MATCH_NAME).uid(MATCH_UID);
    if (minutes.isPresent()) {
      inputs =
          inputs.union(
              minutes
                  .get()
                  .connect(book)
                  .process(new MatchDerivedMetricRules())
                  .name(MATCH_MINUTES_NAME)
                  .uid(MATCH_MINUTES_UID));
    }
    return inputs
        .keyBy(new AlertInput.ByRule())
        .process(new EvaluateAlertRules(), AlertTransitionType.INFO)
        .name(EVALUATE_NAME)
        .uid(EVALUATE_UID);
  }
}
