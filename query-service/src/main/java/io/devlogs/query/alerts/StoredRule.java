package io.devlogs.query.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.alerts.AlertRule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A rule as the API shows it: its row, the receivers it notifies and when it changed. */
public record StoredRule(
    String id,
    String name,
    String kind,
    JsonNode definition,
    int forSeconds,
    String severity,
    Map<String, String> labels,
    String description,
    boolean enabled,
    long version,
    List<UUID> receivers,
    Instant createdAt,
    Instant updatedAt) {

  static StoredRule of(AlertRule rule, List<UUID> receivers, Instant createdAt, Instant updatedAt) {
    return new StoredRule(
        rule.id(),
        rule.name(),
        rule.kind().wireName(),
        rule.definitionJson(),
        rule.forSeconds(),
        rule.severity().wireName(),
        rule.labels(),
        rule.description(),
        rule.enabled(),
        rule.version(),
        List.copyOf(receivers),
        createdAt,
        updatedAt);
  }
}
