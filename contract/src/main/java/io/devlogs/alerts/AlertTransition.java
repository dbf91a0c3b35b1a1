package io.devlogs.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One change of an alert's state, decided by the job: a record of the {@code devlogs-alerts} topic
 * ({@link AlertTransitionJson}) and a row of {@code alert_history}. Receivers drop a transition
 * whose {@link #idempotencyKey} they have seen: a replay after a crash repeats the same key.
 *
 * @param project the rule's project
 * @param ruleId the rule's UUID
 * @param ruleName the rule's name when it was decided
 * @param ruleVersion the rule's version when it was decided
 * @param fingerprint {@link AlertRule#fingerprint()}: the alert's identity
 * @param state the new state
 * @param previousState the state before ({@link AlertState#RESOLVED} when the alert was inactive)
 * @param severity the rule's severity
 * @param labels the rule's labels, plus {@code silenced=true} when a silence mutes the
 *     notification; sorted by key, unmodifiable
 * @param summary the rule's description filled in ({@link AlertRule#summary})
 * @param value the measured value: a count, a rate, or the seconds without a matching event
 * @param threshold the rule's threshold (absence: its window in seconds)
 * @param at when the job decided, millisecond precision
 * @param triggerEventId the event that made the condition hold, if one did (null for absence and
 *     for resolves)
 * @param triggerEventTime that event's time, or null
 * @param idempotencyKey {@code project/ruleId/fingerprint/sequence}, sequence counting this alert's
 *     transitions from 1
 */
public record AlertTransition(
    String project,
    String ruleId,
    String ruleName,
    long ruleVersion,
    String fingerprint,
    AlertState state,
    AlertState previousState,
    AlertSeverity severity,
    Map<String, String> labels,
    String summary,
    double value,
    double threshold,
    Instant at,
    String triggerEventId,
    Instant triggerEventTime,
    String idempotencyKey) {

  public AlertTransition {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(ruleName, "ruleName");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(previousState, "previousState");
    Objects.requireNonNull(severity, "severity");
    labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(at, "at");
    at = Instant.ofEpochMilli(at.toEpochMilli());
    triggerEventTime =
        triggerEventTime == null ? null : Instant.ofEpochMilli(triggerEventTime.toEpochMilli());
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
  }

  /**
   * The key of an alert's {@code sequence}-th transition: {@code
   * project/ruleId/fingerprint/sequence}.
   */
  public static String idempotencyKey(
      String project, String ruleId, String fingerprint, long sequence) {
    return project + "/" + ruleId + "/" + fingerprint + "/" + sequence;
  }

  /** Whether a silence mutes this transition's notification (the history still records it). */
  public boolean silenced() {
    return "true".equals(labels.get(AlertRule.SILENCED_LABEL));
  }

  /** The labels with {@code silenced=true} added. */
  public static SortedMap<String, String> silencedLabels(Map<String, String> labels) {
    SortedMap<String, String> silenced = new TreeMap<>(labels);
    silenced.put(AlertRule.SILENCED_LABEL, "true");
    return silenced;
  }
}
