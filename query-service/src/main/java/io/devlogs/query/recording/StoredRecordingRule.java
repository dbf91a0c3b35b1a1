package io.devlogs.query.recording;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.recording.RecordingRule;
import java.time.Instant;

/** A recording rule as the API shows it: its row and when it changed. */
public record StoredRecordingRule(
    String id,
    String name,
    JsonNode definition,
    boolean enabled,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  static StoredRecordingRule of(RecordingRule rule, Instant createdAt, Instant updatedAt) {
    return new StoredRecordingRule(
        rule.id(),
        rule.name(),
        rule.definitionJson(),
        rule.enabled(),
        rule.version(),
        createdAt,
        updatedAt);
  }
}
