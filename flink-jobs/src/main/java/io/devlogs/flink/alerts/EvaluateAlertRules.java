package io.devlogs.flink.alerts;

import io.devlogs.alerts.AlertKind;
import io.devlogs.alerts.AlertRule;
import io.devlogs.alerts.AlertState;
import io.devlogs.alerts.AlertTransition;
import io.devlogs.latency.LatencyBuckets;
import io.devlogs.recording.RecordingAggregation;
import io.devlogs.recording.RecordingRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
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
 *   <li>Latency percentiles: per second, the bucket counts of the durations received (the minute
 *       aggregates' histogram layout, {@link io.devlogs.latency.LatencyBuckets}) in {@link
 *       #LATENCY_PER_SECOND}, summed in {@link #LATENCY_IN_WINDOW}; the percentile is read at most
 *       once a second per rule (a timer on the next whole second), not on every event.
 *   <li>Absence: a timer a window after the last matching event (or after the rule was loaded).
 *   <li>New patterns: {@link #KNOWN_PATTERNS} holds the patterns the rule's events showed since it
 *       was loaded, with when each was last seen (to the minute); during the first window it only
 *       learns them. After that, an unknown pattern fires an alert of its own (the label {@code
 *       pattern} in its labels and fingerprint), kept in {@link #OPEN_PATTERNS} and resolved by a
 *       timer a window later. No pending state. At most {@link #MAX_KNOWN_PATTERNS} are kept (the
 *       miner evicts patterns and mines their messages again under new ids, so the ids a rule sees
 *       are unbounded): beyond, the least recently seen tenth is forgotten, and fires again as new
 *       if it comes back.
 *   <li>Derived metrics: {@link #DERIVED_MINUTES} holds the closed minutes of the watched metric
 *       ({@link DerivedMinute} texts by minute start) within the window, which ends at the newest
 *       minute seen ({@link #DERIVED_NEWEST}); each minute row decides at once. A minute refired by
 *       late events (a higher version) replaces the minute and decides again, so a late event can
 *       make or unmake the crossing while its minute is in the window; a minute older than the
 *       window is not counted. When no watched minute comes for a window of processing time (the
 *       metric went quiet), a timer empties the window: no value, the alert resolves.
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
  public static final MapStateDescriptor<Long, Map<Integer, Long>> LATENCY_PER_SECOND =
      new MapStateDescriptor<>(
          "latency-buckets-per-second", Types.LONG, Types.MAP(Types.INT, Types.LONG));
  public static final MapStateDescriptor<Integer, Long> LATENCY_IN_WINDOW =
      new MapStateDescriptor<>("latency-buckets-in-window", Types.INT, Types.LONG);

  /** Pattern id to when it was last seen (millis, refreshed at most once a minute). */
  public static final MapStateDescriptor<String, Long> KNOWN_PATTERNS =
      new MapStateDescriptor<>("known-patterns", Types.STRING, Types.LONG);

  /** How many {@link #KNOWN_PATTERNS} there are (absent in state written before it: counted). */
  public static final ValueStateDescriptor<Integer> KNOWN_PATTERN_COUNT =
      new ValueStateDescriptor<>("known-pattern-count", Types.INT);

  /** Most patterns a new-pattern rule remembers: ten times the miner's default per project. */
  static final int MAX_KNOWN_PATTERNS = 10_000;

  /** How old a remembered sighting gets before it is written again: not a write per event. */
  private static final long SEEN_REFRESH_MILLIS = 60_000;

  /** A derived metric's minutes in the window: minute start to {@link DerivedMinute#encode}. */
  public static final MapStateDescriptor<Long, String> DERIVED_MINUTES =
      new MapStateDescriptor<>("derived-metric-minutes", Types.LONG, Types.STRING);

  public static final ValueStateDescriptor<Long> DERIVED_NEWEST =
      new ValueStateDescriptor<>("derived-metric-newest-minute", Types.LONG);

  /** Pattern id to "firing since millis, tab, service, tab, example message". */
  public static final MapStateDescriptor<String, String> OPEN_PATTERNS =
      new MapStateDescriptor<>("open-pattern-alerts", Types.STRING, Types.STRING);

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
  private transient MapState<Long, Map<Integer, Long>> latencyPerSecond;
  private transient MapState<Integer, Long> latencyInWindow;
  private transient MapState<String, Long> knownPatterns;
  private transient ValueState<Integer> knownPatternCount;
  private transient MapState<String, String> openPatterns;
  private transient MapState<Long, String> derivedMinutes;
  private transient ValueState<Long> derivedNewest;
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
    latencyPerSecond = getRuntimeContext().getMapState(LATENCY_PER_SECOND);
    latencyInWindow = getRuntimeContext().getMapState(LATENCY_IN_WINDOW);
    knownPatterns = getRuntimeContext().getMapState(KNOWN_PATTERNS);
    knownPatternCount = getRuntimeContext().getState(KNOWN_PATTERN_COUNT);
    openPatterns = getRuntimeContext().getMapState(OPEN_PATTERNS);
    derivedMinutes = getRuntimeContext().getMapState(DERIVED_MINUTES);
    derivedNewest = getRuntimeContext().getState(DERIVED_NEWEST);
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
      case MINUTE -> derivedMinute(input, now, ctx, out);
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
    long now = ctx.timerService().currentProcessingTime();
    if (r.kind() == AlertKind.NEW_PATTERN) {
      resolvePatterns(current, now, false, out);
      return;
    }
    if (r.kind() == AlertKind.DERIVED_METRIC
        && now - valueOf(lastSeen) >= r.windowSeconds() * 1000L) {
      derivedMinutes.clear(); // no watched minute for a window: the metric went quiet
      derivedNewest.clear();
    }
    if (r.kind() != AlertKind.ABSENCE && timestamp % 1000 == 0) {
      expire(timestamp / 1000 - r.windowSeconds());
    }
    evaluate(current, now, null, ctx, out);
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
        rule.update(text); // only its silences (or the version of its recording rule) changed
        if (!before
            .recording()
            .map(RecordingRule::version)
            .equals(next.recording().map(RecordingRule::version))) {
          derivedMinutes.clear(); // the metric's minutes mean something else now
          derivedNewest.clear();
        }
        return;
      }
      resolveOpen(before, now, out);
      clearMeasurements();
    }
    rule.update(text);
    loadedAt.update(now);
    AlertRule r = next.rule();
    if (r.kind() == AlertKind.NEW_PATTERN || r.kind() == AlertKind.DERIVED_METRIC) {
      return; // learns patterns first, fires only on events; decides on closed minutes
    }
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
    if (r.kind() == AlertKind.NEW_PATTERN) {
      newPattern(current, input, now, ctx, out);
      return;
    }
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
      if (r.kind() == AlertKind.LATENCY_PERCENTILE) {
        addDuration(second, input.durationMillis());
        // Read the percentile on the next whole second, once for all events until then.
        ctx.timerService().registerProcessingTimeTimer(AlertDecision.ceilSecond(now));
        return;
      }
    }
    evaluate(current, now, input, ctx, out);
  }

  private void derivedMinute(
      AlertInput input, long now, Context ctx, Collector<AlertTransition> out) throws Exception {
    LoadedRule current = current();
    if (current == null
        || current.rule().version() != input.ruleVersion()
        || current.recording().isEmpty()) {
      return; // matched by another version, or the recording rule is disabled or gone
    }
    long window = current.rule().windowSeconds() * 1000L;
    long minute = input.eventTimeMillis();
    Long newest = derivedNewest.value();
    if (newest != null && minute <= newest - window) {
      return; // a refiring of a minute the window has left
    }
    String held = derivedMinutes.get(minute);
    DerivedMinute next =
        DerivedMinute.next(
            held == null ? null : DerivedMinute.decode(held), DerivedMinute.decode(input.minute()));
    derivedMinutes.put(minute, next.encode());
    if (newest == null || minute > newest) {
      derivedNewest.update(minute);
      List<Long> left = new ArrayList<>();
      for (Long start : derivedMinutes.keys()) {
        if (start <= minute - window) {
          left.add(start);
        }
      }
      for (Long start : left) {
        derivedMinutes.remove(start);
      }
    }
    lastSeen.update(now);
    ctx.timerService().registerProcessingTimeTimer(AlertDecision.ceilSecond(now + window));
    evaluate(current, now, input, ctx, out);
  }

  /** The derived metric over the window's minutes, oldest first; NaN when none has a value. */
  private double derivedValue(LoadedRule current) throws Exception {
    AlertRule r = current.rule();
    if (r.kind() != AlertKind.DERIVED_METRIC || current.recording().isEmpty()) {
      return Double.NaN;
    }
    RecordingAggregation aggregation = current.recording().get().aggregation();
    TreeMap<Long, String> minutes = new TreeMap<>();
    for (Map.Entry<Long, String> m : derivedMinutes.entries()) {
      minutes.put(m.getKey(), m.getValue());
    }
    List<Double> values = new ArrayList<>();
    for (String text : minutes.values()) {
      double value = DerivedMinute.decode(text).value(aggregation);
      if (!Double.isNaN(value)) {
        values.add(value);
      }
    }
    return r.metric().orElseThrow().over().of(values);
  }

  private void addDuration(long second, double millis) throws Exception {
    int bucket = LatencyBuckets.bucketOf(millis);
    Map<Integer, Long> ofSecond = latencyPerSecond.get(second);
    Map<Integer, Long> updated = ofSecond == null ? new HashMap<>() : new HashMap<>(ofSecond);
    updated.merge(bucket, 1L, Long::sum);
    latencyPerSecond.put(second, updated);
    Long inWindow = latencyInWindow.get(bucket);
    latencyInWindow.put(bucket, inWindow == null ? 1 : inWindow + 1);
  }

  private double latency(AlertRule r) throws Exception {
    if (r.kind() != AlertKind.LATENCY_PERCENTILE) {
      return Double.NaN;
    }
    SortedMap<Integer, Long> buckets = new TreeMap<>();
    for (Map.Entry<Integer, Long> b : latencyInWindow.entries()) {
      buckets.put(b.getKey(), b.getValue());
    }
    return AlertDecision.percentile(buckets, r.percentile());
  }

  private void newPattern(
      LoadedRule current, AlertInput input, long now, Context ctx, Collector<AlertTransition> out)
      throws Exception {
    String pattern = input.patternId();
    Long seen = knownPatterns.get(pattern);
    if (seen != null) {
      if (now - seen >= SEEN_REFRESH_MILLIS) {
        knownPatterns.put(pattern, now);
      }
      return;
    }
    remember(pattern, now);
    AlertRule r = current.rule();
    long window = r.windowSeconds() * 1000L;
    if (now - valueOf(loadedAt) < window) {
      return; // the first window learns the patterns the service already shows
    }
    String service = input.service() == null ? "" : input.service();
    String example = input.example() == null ? "" : input.example();
    openPatterns.put(pattern, now + "\t" + service + "\t" + example);
    ctx.timerService().registerProcessingTimeTimer(AlertDecision.ceilSecond(now + window));
    emitPattern(
        current,
        pattern,
        AlertState.FIRING,
        service,
        example,
        input.eventId(),
        input.eventTimeMillis(),
        now,
        out);
  }

  /** Resolves the open pattern alerts a window old, or all of them. */
  private void resolvePatterns(
      LoadedRule current, long now, boolean all, Collector<AlertTransition> out) throws Exception {
    long window = current.rule().windowSeconds() * 1000L;
    List<Map.Entry<String, String>> due = new ArrayList<>();
    for (Map.Entry<String, String> open : openPatterns.entries()) {
      long since = Long.parseLong(open.getValue().split("\t", 2)[0]);
      if (all || now - since >= window) {
        due.add(Map.entry(open.getKey(), open.getValue()));
      }
    }
    due.sort(Map.Entry.comparingByKey());
    for (Map.Entry<String, String> open : due) {
      String[] parts = open.getValue().split("\t", 3);
      openPatterns.remove(open.getKey());
      emitPattern(
          current, open.getKey(), AlertState.RESOLVED, parts[1], parts[2], null, null, now, out);
    }
  }

  private void emitPattern(
      LoadedRule current,
      String pattern,
      AlertState to,
      String service,
      String example,
      String eventId,
      Long eventTime,
      long now,
      Collector<AlertTransition> out)
      throws Exception {
    AlertRule r = current.rule();
    long n = valueOf(sequence) + 1;
    sequence.update(n);
    Instant at = Instant.ofEpochMilli(now);
    SortedMap<String, String> labels = new TreeMap<>(r.labels());
    labels.put(AlertRule.PATTERN_LABEL, pattern);
    String fingerprint = r.fingerprint(labels);
    out.collect(
        new AlertTransition(
            r.project(),
            r.id(),
            r.name(),
            r.version(),
            fingerprint,
            to,
            to == AlertState.FIRING ? AlertState.RESOLVED : AlertState.FIRING,
            r.severity(),
            current.muted(at, labels) ? AlertTransition.silencedLabels(labels) : labels,
            r.summary(1, Optional.of(service).filter(x -> !x.isEmpty()), example),
            1,
            r.threshold(),
            at,
            eventId,
            eventTime == null ? null : Instant.ofEpochMilli(eventTime),
            AlertTransition.idempotencyKey(r.project(), r.id(), fingerprint, n)));
    transitions.inc();
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
    Map<Integer, Long> durations = latencyPerSecond.get(second);
    if (durations != null) {
      latencyPerSecond.remove(second);
      for (Map.Entry<Integer, Long> b : durations.entrySet()) {
        long left = latencyInWindow.get(b.getKey()) - b.getValue();
        if (left > 0) {
          latencyInWindow.put(b.getKey(), left);
        } else {
          latencyInWindow.remove(b.getKey());
        }
      }
    }
  }

  private void evaluate(
      LoadedRule current, long now, AlertInput trigger, Context ctx, Collector<AlertTransition> out)
      throws Exception {
    AlertRule r = current.rule();
    if (r.kind() == AlertKind.NEW_PATTERN) {
      return; // decided per pattern (newPattern)
    }
    long loaded = valueOf(loadedAt);
    long silentSince = Math.max(loaded, valueOf(lastSeen));
    long matched = valueOf(matchTotal);
    long errored = valueOf(errorTotal);
    double latency = r.kind() == AlertKind.DERIVED_METRIC ? derivedValue(current) : latency(r);
    boolean holds = AlertDecision.holds(r, matched, errored, latency, silentSince, loaded, now);
    AlertState from = currentState();
    AlertState to = AlertDecision.next(from, holds, valueOf(since), r.forSeconds(), now);
    if (to == null) {
      return;
    }
    double value = AlertDecision.value(r, matched, errored, latency, silentSince, now);
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
    AlertRule r = before.rule();
    if (r.kind() == AlertKind.NEW_PATTERN) {
      resolvePatterns(before, now, true, out);
      return;
    }
    AlertState from = currentState();
    if (from == AlertState.RESOLVED) {
      return;
    }
    long silentSince = Math.max(valueOf(loadedAt), valueOf(lastSeen));
    double measured = r.kind() == AlertKind.DERIVED_METRIC ? derivedValue(before) : latency(r);
    double value =
        AlertDecision.value(
            r, valueOf(matchTotal), valueOf(errorTotal), measured, silentSince, now);
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
    latencyPerSecond.clear();
    latencyInWindow.clear();
    knownPatterns.clear();
    knownPatternCount.clear();
    openPatterns.clear();
    derivedMinutes.clear();
    derivedNewest.clear();
  }

  /** Adds a pattern to the known ones, forgetting the least recently seen beyond the bound. */
  private void remember(String pattern, long now) throws Exception {
    Integer stored = knownPatternCount.value();
    int count = stored != null ? stored : countKnownPatterns();
    knownPatterns.put(pattern, now);
    count++;
    if (count > MAX_KNOWN_PATTERNS) {
      List<Map.Entry<String, Long>> bySighting = new ArrayList<>();
      for (Map.Entry<String, Long> known : knownPatterns.entries()) {
        bySighting.add(Map.entry(known.getKey(), known.getValue()));
      }
      bySighting.sort(Map.Entry.comparingByValue());
      int forget = MAX_KNOWN_PATTERNS / 10;
      for (Map.Entry<String, Long> old : bySighting.subList(0, forget)) {
        knownPatterns.remove(old.getKey());
      }
      count = bySighting.size() - forget;
    }
    knownPatternCount.update(count);
  }

  private int countKnownPatterns() throws Exception {
    int count = 0;
    for (String ignored : knownPatterns.keys()) {
      count++;
    }
    return count;
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
