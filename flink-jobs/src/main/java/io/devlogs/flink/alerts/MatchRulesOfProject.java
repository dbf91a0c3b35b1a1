package io.devlogs.flink.alerts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The skeleton every rule matcher of the job shares: the enabled rules of every project live in
 * broadcast state (rule texts by {@link RuleKeys#of}, strings only, which every savepoint can
 * carry), replaced by each {@link RuleBook}; each element meets the rules of its own project,
 * parsed once after each change.
 *
 * @param <IN> what is matched (an event, a recorded minute)
 * @param <R> a rule as parsed from its text
 * @param <OUT> what a match sends on
 */
public abstract class MatchRulesOfProject<IN, R, OUT>
    extends BroadcastProcessFunction<IN, RuleBook, OUT> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(MatchRulesOfProject.class);

  private final MapStateDescriptor<String, String> rules;

  /** The rules by project, parsed from {@link #rules}; null until built after a change. */
  private transient Map<String, List<R>> byProject;

  protected MatchRulesOfProject(MapStateDescriptor<String, String> rules) {
    this.rules = rules;
  }

  /** The rule a text in state holds; throws when it cannot be read (the rule is left out). */
  protected abstract R parse(String text);

  /** The project a rule belongs to. */
  protected abstract String projectOf(R rule);

  /** The project an element belongs to. */
  protected abstract String projectOfElement(IN element);

  /** Sends on what {@code element} means to {@code projectRules}, the rules of its project. */
  protected abstract void match(IN element, List<R> projectRules, Collector<OUT> out)
      throws Exception;

  /**
   * Told about each change of a book: {@code text} is the new or changed rule's text, null when the
   * rule {@code key} is gone. Nothing by default.
   */
  protected void changed(String key, String text, Collector<OUT> out) {}

  @Override
  public final void processElement(IN element, ReadOnlyContext ctx, Collector<OUT> out)
      throws Exception {
    if (byProject == null) {
      byProject = compile(ctx.getBroadcastState(rules).immutableEntries());
    }
    List<R> projectRules = byProject.get(projectOfElement(element));
    if (projectRules != null) {
      match(element, projectRules, out);
    }
  }

  @Override
  public final void processBroadcastElement(RuleBook book, Context ctx, Collector<OUT> out)
      throws Exception {
    BroadcastState<String, String> state = ctx.getBroadcastState(rules);
    List<String> gone = new ArrayList<>();
    for (Map.Entry<String, String> held : state.entries()) {
      if (!book.rules().containsKey(held.getKey())) {
        gone.add(held.getKey());
      }
    }
    for (String key : gone) {
      state.remove(key);
      changed(key, null, out);
    }
    for (Map.Entry<String, String> rule : book.rules().entrySet()) {
      if (!rule.getValue().equals(state.get(rule.getKey()))) {
        state.put(rule.getKey(), rule.getValue());
        changed(rule.getKey(), rule.getValue(), out);
      }
    }
    byProject = null;
  }

  private Map<String, List<R>> compile(Iterable<Map.Entry<String, String>> entries) {
    Map<String, List<R>> compiled = new HashMap<>();
    for (Map.Entry<String, String> entry : entries) {
      try {
        R rule = parse(entry.getValue());
        compiled.computeIfAbsent(projectOf(rule), p -> new ArrayList<>()).add(rule);
      } catch (RuntimeException e) {
        LOG.warn(
            "Rule {} in state {} cannot be read, left out: {}",
            entry.getKey(),
            rules.getName(),
            e.toString());
      }
    }
    return compiled;
  }
}
