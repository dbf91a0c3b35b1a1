package io.devlogs.query.support;

import io.devlogs.query.records.LogEvent;
import java.time.Instant;
import java.util.Map;

/** One row of {@code devlogs.events} that a test writes straight into ClickHouse. */
public record EventRow(
    String projectId,
    String id,
    Instant timestamp,
    String level,
    String service,
    String stream,
    String message,
    Map<String, String> attributes) {

  public EventRow {
    attributes = Map.copyOf(attributes);
  }

  /** The event the API should answer for this row. */
  public LogEvent toEvent() {
    return new LogEvent(id, timestamp, level, service, stream, message, attributes);
  }
}
