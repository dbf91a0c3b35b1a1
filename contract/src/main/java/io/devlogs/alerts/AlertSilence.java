package io.devlogs.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of {@code alert_silences}: while it lasts it mutes the notifications of one rule's alerts
 * (or of every rule of the project) whose labels equal all of its matchers. The job still records
 * the muted transitions, with the label {@code silenced=true}.
 *
 * @param project the project
 * @param id the silence's UUID
 * @param ruleId the rule it mutes; empty: every rule of the project
 * @param matchers label equalities the alert's labels must all satisfy; empty: any labels
 * @param startsAt from when (inclusive)
 * @param endsAt until when (exclusive)
 */
public record AlertSilence(
    String project,
    String id,
    Optional<String> ruleId,
    Map<String, String> matchers,
    Instant startsAt,
    Instant endsAt) {

  public AlertSilence {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ruleId, "ruleId");
    matchers = Map.copyOf(matchers);
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
  }

  /** Whether it mutes an alert of {@code rule} with {@code labels} at {@code now}. */
  public boolean mutes(AlertRule rule, Map<String, String> labels, Instant now) {
    return project.equals(rule.project())
        && ruleId.map(rule.id()::equals).orElse(true)
        && !now.isBefore(startsAt)
        && now.isBefore(endsAt)
        && matchers.entrySet().stream().allMatch(m -> m.getValue().equals(labels.get(m.getKey())));
  }
}
