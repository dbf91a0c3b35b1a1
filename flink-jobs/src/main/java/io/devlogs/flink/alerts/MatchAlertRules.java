package io.devlogs.flink.alerts;

import io.devlogs.alerts.AlertKind;
import io.devlogs.alerts.AlertRule;
import io.devlogs.flink.aggregate.WindowAccumulator;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
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
 * Matches every event against the enabled rules of its project and sends one {@link AlertInput} per
 * matching rule to the rule's evaluation. The rules live in broadcast state ({@link #RULES},
 * strings only), replaced by each {@link RuleBook}: a new or changed rule is sent on to its
 * evaluation as a rule input, a rule no longer in the book as a removal. Every subtask sends the
 * same rule inputs; the evaluation ignores a rule text it already has.
 */
public class MatchAlertRules extends BroadcastProcessFunction<LogEvent, RuleBook, AlertInput> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(MatchAlertRules.class);

  /** The rules in broadcast state: {@link LoadedRule#toJson} texts by {@link RuleKeys#of}. */
  public static final MapStateDescriptor<String, String> RULES =
      new MapStateDescriptor<>("alert-rules", Types.STRING, Types.STRING);

  /** The rules by project, parsed from {@link #RULES}; null until built after a change. */
  private transient Map<String, List<AlertRule>> byProject;

  @Override
  public void processElement(LogEvent event, ReadOnlyContext ctx, Collector<AlertInput> out)
      throws Exception {
    if (byProject == null) {
      byProject = compile(ctx.getBroadcastState(RULES).immutableEntries());
    }
    List<AlertRule> rules = byProject.get(event.projectId());
    if (rules == null) {
      return;
    }
    double duration = Double.NaN;
    boolean durationRead = false;
    for (AlertRule rule : rules) {
      if (!rule.filter()
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
  public void processBroadcastElement(RuleBook book, Context ctx, Collector<AlertInput> out)
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
      out.collect(AlertInput.removed(key));
    }
    for (Map.Entry<String, String> rule : book.rules().entrySet()) {
      if (!rule.getValue().equals(state.get(rule.getKey()))) {
        state.put(rule.getKey(), rule.getValue());
        out.collect(AlertInput.rule(rule.getKey(), rule.getValue()));
      }
    }
    byProject = null;
  }

  private static Map<String, List<AlertRule>> compile(Iterable<Map.Entry<String, String>> rules) {
    Map<String, List<AlertRule>> byProject = new HashMap<>();
    for (Map.Entry<String, String> entry : rules) {
      try {
        AlertRule rule = LoadedRule.fromJson(entry.getValue()).rule();
        byProject.computeIfAbsent(rule.project(), p -> new ArrayList<>()).add(rule);
      } catch (RuntimeException e) {
        LOG.warn(
            "Alert rule {} in state cannot be read, left out: {}", entry.getKey(), e.toString());
      }
    }
    return byProject;
  }
}
