package io.devlogs.deadletters;

import java.util.Locale;
import java.util.Optional;

/**
 * Why a record became a dead letter. {@link #code()} is the stable name users and APIs see: the job
 * writes it to the dead-letter topic's {@code devlogs-error-cause} header and to the {@code cause}
 * column of {@code devlogs.dead_letters}; the query service filters and counts by it, and a replay
 * selects and skips by it. A new cause needs no schema change (the column is a String).
 */
public enum DeadLetterCause {
  /** The raw record is not a log event (bad JSON, bad UTF-8, no project, ...). */
  UNPARSEABLE,
  /** The event passes a bound of {@code io.devlogs.events.EventBounds}. */
  OUT_OF_BOUNDS,
  /** The event arrived after its minute window closed (it is stored, but not counted). */
  TOO_LATE,
  /** ClickHouse refused the event's row. */
  REFUSED_BY_CLICKHOUSE,
  /** Cassandra refused the event's row. */
  REFUSED_BY_CASSANDRA,
  /** Kafka refused the event's record on the parsed topic. */
  REFUSED_BY_KAFKA;

  /** The snake_case name: {@code unparseable}, {@code out_of_bounds}, ... */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The cause a code names, or empty for a code this version does not know. */
  public static Optional<DeadLetterCause> ofCode(String code) {
    for (DeadLetterCause cause : values()) {
      if (cause.code().equals(code)) {
        return Optional.of(cause);
      }
    }
    return Optional.empty();
  }
}
