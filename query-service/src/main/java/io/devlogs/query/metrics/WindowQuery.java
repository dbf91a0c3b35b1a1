package io.devlogs.query.metrics;

import io.devlogs.flink.records.Level;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What to read from the minute windows: the minutes in {@code [first, first + periods * step)},
 * summed into periods of {@code stepSeconds} starting at {@code first} and into one total per
 * service or level, keeping only the given services and levels (empty = all).
 */
public record WindowQuery(
    Instant first,
    long stepSeconds,
    long periods,
    SeriesGroupBy groupBy,
    Set<String> services,
    Set<Level> levels) {

  public WindowQuery {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(groupBy, "groupBy");
    if (first.getNano() != 0 || first.getEpochSecond() % 60 != 0) {
      throw new IllegalArgumentException("first must start a minute, was " + first);
    }
    if (stepSeconds < 60 || stepSeconds % 60 != 0 || periods < 1) {
      throw new IllegalArgumentException(
          "step must be whole minutes and periods positive: " + stepSeconds + ", " + periods);
    }
    services = Set.copyOf(services);
    levels = levels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(levels));
  }

  /** The points of a series request. */
  public static WindowQuery of(SeriesRequest request) {
    Periods periods = request.periods();
    return new WindowQuery(
        periods.first(),
        periods.granularity().seconds(),
        periods.count(),
        request.groupBy(),
        request.services(),
        request.levels());
  }

  /** One total per service over the whole minutes of a top request. */
  public static WindowQuery of(TopRequest request) {
    Periods minutes = request.minutes();
    long seconds = minutes.end().getEpochSecond() - minutes.first().getEpochSecond();
    return new WindowQuery(minutes.first(), seconds, 1, SeriesGroupBy.SERVICE, Set.of(), Set.of());
  }

  /** The end (exclusive) of the last period. */
  public Instant end() {
    return first.plusSeconds(stepSeconds * periods);
  }
}
