package io.devlogs.query.records;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A half-open time interval {@code [from, to)}, {@code from} strictly before {@code to}. */
public record TimeRange(Instant from, Instant to) {

  public TimeRange {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from " + from + " must be before to " + to);
    }
  }

  public Duration length() {
    return Duration.between(from, to);
  }

  /** The UTC dates the range touches, oldest first (the Cassandra {@code day} partitions). */
  public List<LocalDate> utcDays() {
    LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
    // to is exclusive: an end at exactly midnight does not touch the next day.
    LocalDate last = LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC);
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      days.add(day);
    }
    return days;
  }
}
