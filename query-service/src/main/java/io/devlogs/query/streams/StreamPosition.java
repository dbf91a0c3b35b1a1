package io.devlogs.query.streams;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/** A place in a stream: the clustering key {@code (ts, event_id)} of the last event of a page. */
public record StreamPosition(Instant timestamp, String eventId) {
  public StreamPosition {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(eventId, "eventId");
  }

  /** The day partition the position lies in. */
  public LocalDate day() {
    return LocalDate.ofInstant(timestamp, ZoneOffset.UTC);
  }
}
