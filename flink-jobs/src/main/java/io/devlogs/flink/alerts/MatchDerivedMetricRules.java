package io.devlogs.flink.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.alerts.AlertKind;
import io.devlogs.alerts.AlertRule;
import io.devlogs.alerts.DerivedMetric;
import io.devlogs.flink.recording.RecordedMinute;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.util.Collector;

/**
 * Sends each closed minute row of a recording rule ({@link RecordedMinute}, as the recording
 * pipeline emits it, refirings included) to the evaluation of every enabled {@code derived_metric}
 * alert rule of the same project that watches the recording rule and the row's group, as one {@link
 * AlertInput#minute}. The alert rules are the same broadcast book as {@link MatchAlertRules}'
 * ({@link MatchAlertRules#RULES}); rule changes reach the evaluation through that matcher, so this
 * one forwards none.
 */
public class MatchDerivedMetricRules extends MatchAlertRuleBook<RecordedMinute> {

  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected String projectOfElement(RecordedMinute row) {
    return row.project();
  }

  @Override
  protected void match(RecordedMinute row, List<AlertRule> rules, Collector<AlertInput> out) {
    Map<String, String> group = null;
    DerivedMinute minute = null;
    for (AlertRule rule : rules) {
      if (rule.kind() != AlertKind.DERIVED_METRIC) {
        continue;
      }
      DerivedMetric metric = rule.metric().orElseThrow();
      if (!metric.recordingRuleId().equals(row.ruleId())) {
        continue;
      }
      if (group == null) {
        group = groupValues(row.group());
      }
      if (!metric.watches(group, row.other())) {
        continue;
      }
      if (minute == null) {
        minute = DerivedMinute.of(row);
      }
      out.collect(
          AlertInput.minute(
              RuleKeys.of(rule.project(), rule.id()),
              rule.version(),
              row.minuteStartMillis(),
              minute));
    }
  }

  /** The names and values of a row's {@code group_key} ({@code RecordingRule#groupOf}'s JSON). */
  static Map<String, String> groupValues(String groupKey) {
    Map<String, String> values = new TreeMap<>();
    try {
      JSON.readTree(groupKey)
          .fields()
          .forEachRemaining(f -> values.put(f.getKey(), f.getValue().asText()));
    } catch (JsonProcessingException e) {
      // a group key the job wrote itself always reads; an unreadable one watches nothing named
    }
    return values;
  }
}
