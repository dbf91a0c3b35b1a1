package io.devlogs.flink.recording;

import io.devlogs.flink.alerts.RuleBook;
import io.devlogs.flink.alerts.RuleKeys;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.recording.RecordingRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches every event against the enabled recording rules of its project (the alert rules' filter,
 * {@link RecordingRule#matches}) and sends one {@link RecordedValue} per matching rule to the
 * rule's minute windows. The rules live in broadcast state ({@link #RULES}, {@link
 * RecordingRule#toJson} texts only, which every savepoint can carry), replaced by each {@link
 * RuleBook}: a rule created, changed or deleted while the job runs applies from the next event.
 */
public class MatchRecordingRules
    extends BroadcastProcessFunction<LogEvent, RuleBook, RecordedValue> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(MatchRecordingRules.class);

  /** The rules in broadcast state: {@link RecordingRule#toJson} texts by {@link RuleKeys#of}. */
  public static final MapStateDescriptor<String, String> RULES =
      new MapStateDescriptor<>("recording-rules", Types.STRING, Types.STRING);

  /** The rules by project, parsed from {@link #RULES}; null until built after a change. */
  private transient Map<String, List<RecordingRule>> byProject;

  @Override
  public void processElement(LogEvent event, ReadOnlyContext ctx, Collector<RecordedValue> out)
      throws Exception {
    if (byProject == null) {
      byProject = compile(ctx.getBroadcastState(RULES).immutableEntries());
    }
    List<RecordingRule> rules = byProject.get(event.projectId());
    if (rules == null) {
      return;
    }
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

  @Override
  public void processBroadcastElement(RuleBook book, Context ctx, Collector<RecordedValue> out)
      throws Exception {
    BroadcastState<String, String> state = ctx.getBroadcastState(RULES);
    List<String> gone = new ArrayList<>();
    for (Map.Entry<String, String> held : state.entries()) {
      if (!book.rules().containsKey(held.getKey())) {
        gone.add(held.getKey());
      }
    }
    for (String key : gone) {
      state.remove(key);
    }
    for (Map.Entry<String, String> rule : book.rules().entrySet()) {
      state.put(rule.getKey(), rule.getValue());
    }
    byProject = null;
  }

  private static Map<String, List<RecordingRule>> compile(
      Iterable<Map.Entry<String, String>> rules) {
    Map<String, List<RecordingRule>> byProject = new HashMap<>();
    for (Map.Entry<String, String> entry : rules) {
      try {
        RecordingRule rule = RecordingRule.fromJson(entry.getValue());
        byProject.computeIfAbsent(rule.project(), p -> new ArrayList<>()).add(rule);
      } catch (RuntimeException e) {
        LOG.warn(
            "Recording rule {} in state cannot be read, left out: {}",
            entry.getKey(),
            e.toString());
      }
    }
    return byProject;
  }
}
