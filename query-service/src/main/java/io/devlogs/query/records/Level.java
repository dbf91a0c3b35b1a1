package io.devlogs.query.records;

import java.util.Locale;
import java.util.Optional;

/** Log levels as stored in ClickHouse's {@code Enum8} and in Cassandra, lowest first. */
public enum Level {
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR,
  FATAL;

  /** The level named by {@code text} (case-insensitive, surrounding blanks ignored), or empty. */
  public static Optional<Level> parse(String text) {
    String name = text.trim().toUpperCase(Locale.ROOT);
    for (Level level : values()) {
      if (level.name().equals(name)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }
}
