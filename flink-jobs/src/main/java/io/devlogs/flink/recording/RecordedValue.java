package io.devlogs.flink.recording;

import io.devlogs.flink.alerts.RuleKeys;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * One event a recording rule matched, as the rule's minute windows need it.
 *
 * @param key {@link RuleKeys#of} the rule
 * @param project the rule's project
 * @param ruleId the rule's id
 * @param group the event's group of the rule ({@code RecordingRule#groupOf})
 * @param value the rule's field of the event, NaN when it carried none
 * @param maxGroups the rule's cap on groups per minute
 * @param eventTimeMillis the event's time, which picks its minute
 */
public record RecordedValue(
    String key,
    String project,
    String ruleId,
    String group,
    double value,
    int maxGroups,
    long eventTimeMillis) {

  /** Keys values by rule. */
  public static final class ByRule implements KeySelector<RecordedValue, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(RecordedValue value) {
      return value.key();
    }
  }
}
