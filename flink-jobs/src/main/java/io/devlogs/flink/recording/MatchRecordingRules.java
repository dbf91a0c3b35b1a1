package io.devlogs.flink.recording;

import io.devlogs.flink.alerts.MatchRulesOfProject;
import io.devlogs.flink.alerts.RuleBook;
import io.devlogs.flink.alerts.RuleKeys;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.recording.RecordingRule;
import java.util.List;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * Matches every event against the enabled recording rules of its project (the alert rules' filter,
 * {@link RecordingRule#matches}) and sends one {@link RecordedValue} per matching rule to the
 * rule's minute windows. The rules live in broadcast state ({@link #RULES}, {@link
 * RecordingRule#toJson} texts only, which every savepoint can carry), replaced by each {@link
 * RuleBook}: a rule created, changed or deleted while the job runs applies from the next event.
 */
public class MatchRecordingRules
    extends MatchRulesOfProject<LogEvent, RecordingRule, RecordedValue> {

  private static final long serialVersionUID = 1L;

  /** The rules in broadcast state: {@link RecordingRule#toJson} texts by {@link RuleKeys#of}. */
  public static final MapStateDescriptor<String, String> RULES =
      new MapStateDescriptor<>("recording-rules", Types.STRING, Types.STRING);

  public MatchRecordingRules() {
    super(RULES);
  }

  @Override
  protected RecordingRule parse(String text) {
    return RecordingRule.fromJson(text);
  }

  @Override
  protected String projectOf(RecordingRule rule) {
    return rule.project();
  }

  @Override
  protected String projectOfElement(LogEvent event) {
    return event.projectId();
  }

  @Override
  protected void match(LogEvent event, List<RecordingRule> rules, Collector<RecordedValue> out) {
    for (RecordingRule rule : rules) {
      if (rule.matches(event.service(), event.level(), event.message(), event.attributes())) {
        out.collect(
            new RecordedValue(
                RuleKeys.of(rule.project(), rule.id()),
                rule.project(),
                rule.id(),
                rule.groupOf(event.service(), event.level(), event.stream(), event.attributes()),
                rule.valueOf(event.attributes()),
                rule.maxGroups(),
                event.epochMillis()));
      }
    }
  }
}
