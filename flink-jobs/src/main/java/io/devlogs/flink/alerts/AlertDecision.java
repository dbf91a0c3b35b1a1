package io.devlogs.flink.alerts;

import io.devlogs.alerts.AlertKind;
import io.devlogs.alerts.AlertRule;
import io.devlogs.alerts.AlertState;

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
   * @param silentSinceMillis when the last matching event came, or the rule was loaded (absence)
   */
  public static double value(
      AlertRule rule, long matches, long errors, long silentSinceMillis, long nowMillis) {
    return switch (rule.kind()) {
      case MATCH_COUNT -> matches;
      case ERROR_RATE -> matches == 0 ? 0 : (double) errors / matches;
      case ABSENCE -> Math.max(0, nowMillis - silentSinceMillis) / 1000L;
    };
  }

  /**
   * Whether the rule's condition holds. A count condition that an empty window satisfies ({@code <
   * 5}) holds only once the rule has watched a whole window since it was loaded; an error rate
   * needs at least one matching event; absence holds once nothing matched for the window.
   */
  public static boolean holds(
      AlertRule rule,
      long matches,
      long errors,
      long silentSinceMillis,
      long loadedAtMillis,
      long nowMillis) {
    long window = rule.windowSeconds() * 1000L;
    if (rule.kind() == AlertKind.ABSENCE) {
      return nowMillis - silentSinceMillis >= window;
    }
    if (rule.kind() == AlertKind.ERROR_RATE && matches == 0) {
      return false;
    }
    double value = value(rule, matches, errors, silentSinceMillis, nowMillis);
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

  /** The first whole second at or after {@code millis}, in millis: timers fall on seconds. */
  public static long ceilSecond(long millis) {
    return Math.floorDiv(millis + 999, 1000) * 1000;
  }
}
