package io.devlogs.flink.alerts;

import io.devlogs.alerts.AlertKind;
import io.devlogs.alerts.AlertRule;
import io.devlogs.alerts.AlertState;
import io.devlogs.alerts.AlertTransition;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides one rule's alert (keyed by {@link RuleKeys#of}) on processing time, and emits each
 * transition once, with its idempotency key.
 *
 * <ul>
 *   <li>Counts over the sliding window are one-second buckets in keyed state ({@link #MATCHES},
 *       {@link #ERRORS}, by the second ingest received the event), summed in running totals; a
 *       processing-time timer at the end of each bucket's window takes it out. An event received
 *       before the window (a backlog) is not counted.
 *   <li>Absence: a timer a window after the last matching event (or after the rule was loaded).
 *   <li>{@code for}: pending first, a timer at the end of {@code for}, then firing.
 *   <li>A changed rule version resolves the open alert of the old version and starts afresh; a
 *       disabled or deleted rule resolves it and leaves only the transition counter, so keys stay
 *       unique if the rule comes back.
 *   <li>A silence adds {@code silenced=true} to the transition's labels: recorded, not notified.
 * </ul>
 *
 * <p>Every state is a string or a long with Flink's own serializers, named here: savepoints carry
 * them across versions of the job. The transition counter is in the checkpoint with the rest, so a
 * replay after a failure repeats the same keys.
 */
public class EvaluateAlertRules extends KeyedProcessFunction<String, AlertInput, AlertTransition> {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(EvaluateAlertRules.class);

  public static final ValueStateDescriptor<String> RULE =
      new ValueStateDescriptor<>("rule", Types.STRING);
  public static final ValueStateDescriptor<Long> LOADED_AT =
      new ValueStateDescriptor<>("loaded-at", Types.LONG);
  public static final MapStateDescriptor<Long, Long> MATCHES =
      new MapStateDescriptor<>("matches-per-second", Types.LONG, Types.LONG);
  public static final MapStateDescriptor<Long, Long> ERRORS =
      new MapStateDescriptor<>("errors-per-second", Types.LONG, Types.LONG);
  public static final ValueStateDescriptor<Long> MATCH_TOTAL =
      new ValueStateDescriptor<>("matches-in-window", Types.LONG);
  public static final ValueStateDescriptor<Long> ERROR_TOTAL =
      new ValueStateDescriptor<>("errors-in-window", Types.LONG);
  public static final ValueStateDescriptor<Long> LAST_SEEN =
      new ValueStateDescriptor<>("last-match", Types.LONG);
  public static final ValueStateDescriptor<String> STATE =
      new ValueStateDescriptor<>("alert-state", Types.STRING);
  public static final ValueStateDescriptor<Long> SINCE =
      new ValueStateDescriptor<>("alert-state-since", Types.LONG);
  public static final ValueStateDescriptor<String> TRIGGER_ID =
      new ValueStateDescriptor<>("trigger-event-id", Types.STRING);
  public static final ValueStateDescriptor<Long> TRIGGER_TIME =
      new ValueStateDescriptor<>("trigger-event-time", Types.LONG);
  public static final ValueStateDescriptor<Long> SEQUENCE =
      new ValueStateDescriptor<>("transitions", Types.LONG);

  private transient ValueState<String> rule;
  private transient ValueState<Long> loadedAt;
  private transient MapState<Long, Long> matches;
  private transient MapState<Long, Long> errors;
  private transient ValueState<Long> matchTotal;
  private transient ValueState<Long> errorTotal;
  private transient ValueState<Long> lastSeen;
  private transient ValueState<String> state;
  private transient ValueState<Long> since;
  private transient ValueState<String> triggerId;
  private transient ValueState<Long> triggerTime;
  private transient ValueState<Long> sequence;
  private transient Map<String, LoadedRule> parsed;
  private transient Counter transitions;

  @Override
  public void open(OpenContext openContext) {
    rule = getRuntimeContext().getState(RULE);
    loadedAt = getRuntimeContext().getState(LOADED_AT);
    matches = getRuntimeContext().getMapState(MATCHES);
    errors = getRuntimeContext().getMapState(ERRORS);
    matchTotal = getRuntimeContext().getState(MATCH_TOTAL);
    errorTotal = getRuntimeContext().getState(ERROR_TOTAL);
    lastSeen = getRuntimeContext().getState(LAST_SEEN);
    state = getRuntimeContext().getState(STATE);
    since = getRuntimeContext().getState(SINCE);
    triggerId = getRuntimeContext().getState(TRIGGER_ID);
    triggerTime = getRuntimeContext().getState(TRIGGER_TIME);
    sequence = getRuntimeContext().getState(SEQUENCE);
    parsed = new HashMap<>();
    transitions = getRuntimeContext().getMetricGroup().counter("alertTransitions");
  }

  @Override
  public void processElement(AlertInput input, Context ctx, Collector<AlertTransition> out)
      throws Exception {
    long now = ctx.timerService().currentProcessingTime();
    switch (input.kind()) {
      case RULE -> load(input.rule(), now, ctx, out);
      case REMOVED -> remove(now, out);
      case EVENT -> match(input, now, ctx, out);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertTransition> out)
      throws Exception {
    LoadedRule current = current();
    if (current == null) {
      return; // the rule was removed; its timers run out here
    }
    AlertRule r = current.rule();
    if (r.kind() != AlertKind.ABSENCE && timestamp % 1000 == 0) {
      expire(timestamp / 1000 - r.windowSeconds());
    }
    evaluate(current, ctx.timerService().currentProcessingTime(), null, ctx, out);
  }

  private void load(String text, long now, Context ctx, Collector<AlertTransition> out)
      throws Exception {
    String held = rule.value();
    if (text.equals(held)) {
      return;
    }
    LoadedRule next;
    try {
      next = parse(text);
    } catch (RuntimeException e) {
      LOG.warn("Alert rule {} cannot be read, ignored: {}", ctx.getCurrentKey(), e.toString());
      return;
    }
    if (held != null) {
      LoadedRule before = parse(held);
      if (before.rule().version() == next.rule().version()) {
        rule.update(text); // only its silences changed
        return;
      }
      resolveOpen(before, now, out);
      clearMeasurements();
    }
    rule.update(text);
    loadedAt.update(now);
    AlertRule r = next.rule();
    if (r.kind() == AlertKind.ABSENCE || r.op().holds(0, r.threshold())) {
      ctx.timerService()
          .registerProcessingTimeTimer(AlertDecision.ceilSecond(now + r.windowSeconds() * 1000L));
    }
    evaluate(next, now, null, ctx, out);
  }

  private void remove(long now, Collector<AlertTransition> out) throws Exception {
    String held = rule.value();
    if (held == null) {
      return;
    }
    resolveOpen(parse(held), now, out);
    clearMeasurements();
    rule.clear();
    loadedAt.clear();
  }

  private void match(AlertInput input, long now, Context ctx, Collector<AlertTransition> out)
      throws Exception {
    LoadedRule current = current();
    if (current == null || current.rule().version() != input.ruleVersion()) {
      return; // matched by a version this evaluation no longer (or not yet) has
    }
    AlertRule r = current.rule();
    long window = r.windowSeconds() * 1000L;
    if (r.kind() == AlertKind.ABSENCE) {
      Long previous = lastSeen.value();
      lastSeen.update(previous == null ? now : Math.max(previous, now));
      long timer = AlertDecision.ceilSecond(now + window);
      if (previous != null && AlertDecision.ceilSecond(previous + window) != timer) {
        ctx.timerService().deleteProcessingTimeTimer(AlertDecision.ceilSecond(previous + window));
      }
      ctx.timerService().registerProcessingTimeTimer(timer);
    } else {
      long nowSecond = Math.floorDiv(now, 1000);
      long second = Math.min(Math.floorDiv(input.receivedAtMillis(), 1000), nowSecond);
      if (second <= nowSecond - r.windowSeconds()) {
        return; // received before the window: a backlog read late is not counted
      }
      add(matches, matchTotal, second);
      if (input.error()) {
        add(errors, errorTotal, second);
      }
      ctx.timerService().registerProcessingTimeTimer((second + r.windowSeconds()) * 1000);
    }
    evaluate(current, now, input, ctx, out);
  }

  private static void add(MapState<Long, Long> buckets, ValueState<Long> total, long second)
      throws Exception {
    Long count = buckets.get(second);
    buckets.put(second, count == null ? 1 : count + 1);
    total.update(valueOf(total) + 1);
  }

  private void expire(long second) throws Exception {
    Long count = matches.get(second);
    if (count != null) {
      matches.remove(second);
      matchTotal.update(valueOf(matchTotal) - count);
    }
    Long errorCount = errors.get(second);
    if (errorCount != null) {
      errors.remove(second);
      errorTotal.update(valueOf(errorTotal) - errorCount);
    }
  }

  private void evaluate(
      LoadedRule current, long now, AlertInput trigger, Context ctx, Collector<AlertTransition> out)
      throws Exception {
    AlertRule r = current.rule();
    long loaded = valueOf(loadedAt);
    long silentSince = Math.max(loaded, valueOf(lastSeen));
    long matched = valueOf(matchTotal);
    long errored = valueOf(errorTotal);
    boolean holds = AlertDecision.holds(r, matched, errored, silentSince, loaded, now);
    AlertState from = currentState();
    AlertState to = AlertDecision.next(from, holds, valueOf(since), r.forSeconds(), now);
    if (to == null) {
      return;
    }
    double value = AlertDecision.value(r, matched, errored, silentSince, now);
    String eventId = null;
    Long eventTime = null;
    Optional<String> service = Optional.empty();
    if (to == AlertState.PENDING && trigger != null) {
      triggerId.update(trigger.eventId());
      triggerTime.update(trigger.eventTimeMillis());
    }
    if (to != AlertState.RESOLVED) {
      if (from == AlertState.PENDING) {
        eventId = triggerId.value();
        eventTime = triggerTime.value();
      } else if (trigger != null) {
        eventId = trigger.eventId();
        eventTime = trigger.eventTimeMillis();
        service = Optional.ofNullable(trigger.service());
      }
    }
    if (to == AlertState.PENDING) {
      ctx.timerService()
          .registerProcessingTimeTimer(AlertDecision.ceilSecond(now + r.forSeconds() * 1000L));
    }
    emit(current, to, from, value, eventId, eventTime, service, now, out);
  }

  private void resolveOpen(LoadedRule before, long now, Collector<AlertTransition> out)
      throws Exception {
    AlertState from = currentState();
    if (from == AlertState.RESOLVED) {
      return;
    }
    AlertRule r = before.rule();
    long silentSince = Math.max(valueOf(loadedAt), valueOf(lastSeen));
    double value =
        AlertDecision.value(r, valueOf(matchTotal), valueOf(errorTotal), silentSince, now);
    emit(before, AlertState.RESOLVED, from, value, null, null, Optional.empty(), now, out);
  }

  private void emit(
      LoadedRule current,
      AlertState to,
      AlertState from,
      double value,
      String eventId,
      Long eventTime,
      Optional<String> service,
      long now,
      Collector<AlertTransition> out)
      throws Exception {
    AlertRule r = current.rule();
    long n = valueOf(sequence) + 1;
    sequence.update(n);
    Instant at = Instant.ofEpochMilli(now);
    String fingerprint = r.fingerprint();
    out.collect(
        new AlertTransition(
            r.project(),
            r.id(),
            r.name(),
            r.version(),
            fingerprint,
            to,
            from,
            r.severity(),
            current.muted(at) ? AlertTransition.silencedLabels(r.labels()) : r.labels(),
            r.summary(value, service),
            value,
            r.threshold(),
            at,
            eventId,
            eventTime == null ? null : Instant.ofEpochMilli(eventTime),
            AlertTransition.idempotencyKey(r.project(), r.id(), fingerprint, n)));
    transitions.inc();
    if (to == AlertState.RESOLVED) {
      state.clear();
      triggerId.clear();
      triggerTime.clear();
    } else {
      state.update(to.wireName());
    }
    since.update(now);
  }

  private void clearMeasurements() {
    matches.clear();
    errors.clear();
    matchTotal.clear();
    errorTotal.clear();
    lastSeen.clear();
    state.clear();
    since.clear();
    triggerId.clear();
    triggerTime.clear();
  }

  private AlertState currentState() throws Exception {
    String s = state.value();
    return s == null ? AlertState.RESOLVED : AlertState.fromWireName(s);
  }

  private LoadedRule current() throws Exception {
    String text = rule.value();
    return text == null ? null : parse(text);
  }

  private LoadedRule parse(String text) {
    if (parsed.size() > 10_000) {
      parsed.clear(); // rules that changed or went away; the live ones parse again once
    }
    return parsed.computeIfAbsent(text, LoadedRule::fromJson);
  }

  private static long valueOf(ValueState<Long> state) throws Exception {
    Long value = state.value();
    return value == null ? 0 : value;
  }
}
