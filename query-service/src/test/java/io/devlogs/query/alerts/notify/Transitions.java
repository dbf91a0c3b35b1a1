package io.devlogs.query.alerts.notify;

import io.devlogs.alerts.AlertSeverity;
import io.devlogs.alerts.AlertState;
import io.devlogs.alerts.AlertTransition;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** Transitions for tests, in the job's shape. */
public final class Transitions {
  private Transitions() {}

  public static AlertTransition of(
      String project, String ruleId, AlertState state, AlertState previous, long sequence) {
    return of(project, ruleId, state, previous, sequence, Map.of("service", "pay"));
  }

  public static AlertTransition of(
      String project,
      String ruleId,
      AlertState state,
      AlertState previous,
      long sequence,
      Map<String, String> labels) {
    String fingerprint = "f00dfeedcafe0001";
    return new AlertTransition(
        project,
        ruleId,
        "card declines",
        3,
        fingerprint,
        state,
        previous,
        AlertSeverity.CRITICAL,
        new TreeMap<>(labels),
        "12 declines in 5m (> 10)",
        12,
        10,
        Instant.parse("2026-12-06T17:00:00.123Z"),
        state == AlertState.RESOLVED ? null : "e-42",
        state == AlertState.RESOLVED ? null : Instant.parse("2026-12-06T17:00:00.001Z"),
        AlertTransition.idempotencyKey(project, ruleId, fingerprint, sequence));
  }
}
