package io.devlogs.query.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** The length of one point of a metrics series; periods are aligned to UTC epoch multiples. */
public enum Granularity {
  MINUTE(60),
  HOUR(3_600),
  DAY(86_400);

  private static final Duration MINUTES_UP_TO = Duration.ofHours(6);
  private static final Duration HOURS_UP_TO = Duration.ofDays(7);

  private final long seconds;

  Granularity(long seconds) {
    this.seconds = seconds;
  }

  public long seconds() {
    return seconds;
  }

  /** The default for a range: minutes up to 6 h, hours up to 7 days, else days. */
  public static Granularity forRange(Duration range) {
    if (range.compareTo(MINUTES_UP_TO) <= 0) {
      return MINUTE;
    }
    return range.compareTo(HOURS_UP_TO) <= 0 ? HOUR : DAY;
  }

  /** {@code minute}, {@code hour} or {@code day} (case-insensitive), or empty. */
  public static Optional<Granularity> parse(String text) {
    for (Granularity g : values()) {
      if (g.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }

  /** The name in the API: {@code minute}, {@code hour}, {@code day}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The start of the period holding {@code instant}. */
  public Instant floor(Instant instant) {
    return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
  }

  /** The first period start at or after {@code instant}. */
  public Instant ceil(Instant instant) {
    Instant floor = floor(instant);
    return floor.equals(instant) ? floor : floor.plusSeconds(seconds);
  }
}
