package io.devlogs.flink.alerts;

import io.devlogs.alerts.AlertKind;
import io.devlogs.alerts.AlertRule;
import io.devlogs.alerts.AlertState;
import io.devlogs.latency.LatencyBuckets;
import java.util.Map;
import java.util.SortedMap;

/**
 * The pure part of deciding an alert: what a rule measures from its counts, whether its condition
 * holds, and which state follows. No Flink types; {@link EvaluateAlertRules} keeps the numbers in
 * state.
 */
public final class AlertDecision {
  private AlertDecision() {}

  /**
   * What the rule measures now.
   *
   * @param matches matching events in the window
   * @param errors error and fatal events among them
   * @param measured the rule's percentile of the durations in the window (latency) or its derived
   *     metric over the window (derived_metric), NaN when none
   * @param silentSinceMillis when the last matching event came, or the rule was loaded (absence)
   */
  public static double value(
      AlertRule rule,
      long matches,
      long errors,
      double measured,
      long silentSinceMillis,
      long nowMillis) {
    return switch (rule.kind()) {
      case MATCH_COUNT -> matches;
      case ERROR_RATE -> matches == 0 ? 0 : (double) errors / matches;
      case LATENCY_PERCENTILE, DERIVED_METRIC -> Double.isNaN(measured) ? 0 : measured;
      case ABSENCE -> Math.max(0, nowMillis - silentSinceMillis) / 1000L;
      case NEW_PATTERN -> 1; // each new pattern is one alert (EvaluateAlertRules)
    };
  }

  /**
   * Whether the rule's condition holds. A count condition that an empty window satisfies ({@code <
   * 5}) holds only once the rule has watched a whole window since it was loaded; an error rate
   * needs at least one matching event and a latency percentile one duration; a derived metric a
   * minute with a value in the window; absence holds once nothing matched for the window. New
   * patterns are decided per pattern, never here.
   */
  public static boolean holds(
      AlertRule rule,
      long matches,
      long errors,
      double measured,
      long silentSinceMillis,
      long loadedAtMillis,
      long nowMillis) {
    long window = rule.windowSeconds() * 1000L;
    if (rule.kind() == AlertKind.ABSENCE) {
      return nowMillis - silentSinceMillis >= window;
    }
    if (rule.kind() == AlertKind.NEW_PATTERN) {
      return false;
    }
    if (rule.kind() == AlertKind.ERROR_RATE && matches == 0) {
      return false;
    }
    if (rule.kind() == AlertKind.LATENCY_PERCENTILE && Double.isNaN(measured)) {
      return false;
    }
    if (rule.kind() == AlertKind.DERIVED_METRIC) {
      // Only closed minutes make a value: an empty window is no value, not a zero.
      return !Double.isNaN(measured) && rule.op().holds(measured, rule.threshold());
    }
    double value = value(rule, matches, errors, measured, silentSinceMillis, nowMillis);
    boolean watchedWindow = nowMillis - loadedAtMillis >= window;
    return rule.op().holds(value, rule.threshold())
        && (watchedWindow || !rule.op().holds(0, rule.threshold()));
  }

  /**
   * The state that follows, or null when the alert stays as it is.
   *
   * @param current the alert's state; {@link AlertState#RESOLVED} when inactive
   * @param sinceMillis when it entered {@code current}
   */
  public static AlertState next(
      AlertState current, boolean holds, long sinceMillis, int forSeconds, long nowMillis) {
    if (holds) {
      return switch (current) {
        case RESOLVED -> forSeconds == 0 ? AlertState.FIRING : AlertState.PENDING;
        case PENDING -> nowMillis - sinceMillis >= forSeconds * 1000L ? AlertState.FIRING : null;
        case FIRING -> null;
      };
    }
    return current == AlertState.RESOLVED ? null : AlertState.RESOLVED;
  }

  /**
   * The nearest-rank percentile {@code q} of the durations counted in {@code buckets} (bucket id to
   * count, the minute aggregates' layout, {@link LatencyBuckets}), read as its bucket's value
   * (within {@link LatencyBuckets#RELATIVE_ERROR}); NaN when there is none.
   */
  public static double percentile(SortedMap<Integer, Long> buckets, double q) {
    long count = 0;
    for (long n : buckets.values()) {
      count += n;
    }
    if (count == 0) {
      return Double.NaN;
    }
    long rank = LatencyBuckets.rank(count, q);
    long seen = 0;
    for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
      seen += bucket.getValue();
      if (seen >= rank) {
        return LatencyBuckets.bucketValue(bucket.getKey());
      }
    }
    return LatencyBuckets.bucketValue(buckets.lastKey());
  }

  /** The first whole second at or after {@code millis}, in millis: timers fall on seconds. */
  public static long ceilSecond(long millis) {
    return Math.floorDiv(millis + 999, 1000) * 1000;
  }
}
