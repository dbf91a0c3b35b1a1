package io.devlogs.query.metrics;

import java.util.Locale;
import java.util.Optional;

/** What one metrics series is: a service's or a level's events. */
public enum SeriesGroupBy {
  SERVICE,
  LEVEL;

  /** {@code service} or {@code level} (case-insensitive), or empty. */
  public static Optional<SeriesGroupBy> parse(String text) {
    for (SeriesGroupBy g : values()) {
      if (g.name().equalsIgnoreCase(text.trim())) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
