package io.devlogs.query.records;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One log event as the query API returns it (the contract's Event JSON). {@code timestamp} is
 * written as ISO-8601 UTC with nine fraction digits by {@link io.devlogs.query.http.JsonMapping}.
 */
public record LogEvent(
    String id,
    Instant timestamp,
    String level,
    String service,
    String stream,
    String message,
    Map<String, String> attributes) {

  public LogEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(timestamp, "timestamp");
    attributes = attributes == null ? Map.of() : attributes;
  }
}
