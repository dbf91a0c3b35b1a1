package io.devlogs.query.logs;

import java.time.Instant;
import java.util.Objects;

/**
 * Where an event sits in the newest-first order (timestamp, then id): a search page continues
 * strictly after the last page's last position, so rows arriving meanwhile never shift pages.
 */
public record EventPosition(Instant timestamp, String eventId) {
  public EventPosition {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(eventId, "eventId");
  }
}
