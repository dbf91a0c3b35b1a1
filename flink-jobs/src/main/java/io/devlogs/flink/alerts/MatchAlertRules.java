package io.devlogs.flink.alerts;

import io.devlogs.alerts.AlertKind;
import io.devlogs.alerts.AlertRule;
import io.devlogs.flink.aggregate.WindowAccumulator;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import java.util.List;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * Matches every event against the enabled rules of its project and sends one {@link AlertInput} per
 * matching rule to the rule's evaluation. The rules live in broadcast state ({@link #RULES},
 * strings only), replaced by each {@link RuleBook}: a new or changed rule is sent on to its
 * evaluation as a rule input, a rule no longer in the book as a removal. Every subtask sends the
 * same rule inputs; the evaluation ignores a rule text it already has. Derived-metric rules watch
 * recorded minutes, not events ({@link MatchDerivedMetricRules}).
 */
public class MatchAlertRules extends MatchAlertRuleBook<LogEvent> {

  private static final long serialVersionUID = 1L;

  /** The rules in broadcast state: {@link LoadedRule#toJson} texts by {@link RuleKeys#of}. */
  public static final MapStateDescriptor<String, String> RULES =
      new MapStateDescriptor<>("alert-rules", Types.STRING, Types.STRING);

  @Override
  protected String projectOfElement(LogEvent event) {
    return event.projectId();
  }

  @Override
  protected void match(LogEvent event, List<AlertRule> rules, Collector<AlertInput> out) {
    double duration = Double.NaN;
    boolean durationRead = false;
    for (AlertRule rule : rules) {
      if (rule.kind() == AlertKind.DERIVED_METRIC
          || !rule.filter()
              .matches(event.service(), event.level(), event.message(), event.attributes())) {
        continue;
      }
      AlertInput input =
          AlertInput.event(
              RuleKeys.of(rule.project(), rule.id()),
              rule.version(),
              event.eventId(),
              Math.floorDiv(event.epochNanos(), 1_000_000L),
              event.receivedAtMillis(),
              event.level().rank() >= Level.ERROR.rank(),
              event.service());
      if (rule.kind() == AlertKind.LATENCY_PERCENTILE) {
        if (!durationRead) {
          duration = WindowAccumulator.durationMillis(event.attributes());
          durationRead = true;
        }
        if (Double.isNaN(duration)) {
          continue; // no duration, nothing for a latency rule
        }
        input = input.withDuration(duration);
      } else if (rule.kind() == AlertKind.NEW_PATTERN) {
        if (event.patternId() == null || event.patternId().isEmpty()) {
          continue; // not mined (patterns off): no pattern to be new
        }
        input = input.withPattern(event.patternId(), event.message());
      }
      out.collect(input);
    }
  }

  @Override
  protected void changed(String key, String text, Collector<AlertInput> out) {
    out.collect(text == null ? AlertInput.removed(key) : AlertInput.rule(key, text));
  }
}
