package io.devlogs.query.metrics;

import io.devlogs.flink.records.Level;
import io.devlogs.http.ApiException;
import io.devlogs.query.filters.SearchFilters;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.records.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A validated {@code GET /v1/metrics/series}: the range, its granularity and periods, what a series
 * is, and optional service and level filters (empty = all).
 */
public record SeriesRequest(
    TimeRange range,
    Periods periods,
    SeriesGroupBy groupBy,
    Set<String> services,
    Set<Level> levels) {

  public static final Duration DEFAULT_SPAN = Duration.ofHours(1);
  public static final int MAX_POINTS = 1_500;

  /** The longest range: {@value #MAX_POINTS} days, the most points at day granularity. */
  public static final Duration MAX_SPAN = Duration.ofDays(MAX_POINTS);

  static final Set<String> PARAMETERS =
      Set.of("from", "to", "granularity", "groupBy", "service", "level");

  public SeriesRequest {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(periods, "periods");
    Objects.requireNonNull(groupBy, "groupBy");
    services = Set.copyOf(services);
    levels = levels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(levels));
  }

  public Granularity granularity() {
    return periods.granularity();
  }

  /**
   * Parses {@code from, to, granularity, groupBy, service, level}; 400 naming the first unknown or
   * bad parameter, or naming {@code granularity} when the range has more than {@value #MAX_POINTS}
   * points.
   */
  public static SeriesRequest parse(RequestParams params, Instant now) {
    params.rejectUnknown(PARAMETERS);
    TimeRange range = params.timeRange(now, DEFAULT_SPAN, MAX_SPAN);
    Granularity granularity =
        params
            .single("granularity")
            .map(
                text ->
                    Granularity.parse(text)
                        .orElseThrow(
                            () ->
                                ApiException.badParameter(
                                    "granularity", "expected one of minute, hour, day")))
            .orElseGet(() -> Granularity.forRange(range.length()));
    Periods periods = Periods.covering(range, granularity);
    if (periods.count() > MAX_POINTS) {
      throw ApiException.badParameter(
          "granularity",
          "the range "
              + range.from()
              + " .. "
              + range.to()
              + " has "
              + periods.count()
              + " "
              + granularity.label()
              + " points, more than "
              + MAX_POINTS
              + "; choose a coarser granularity or a shorter range");
    }
    SeriesGroupBy groupBy =
        params
            .single("groupBy")
            .map(
                text ->
                    SeriesGroupBy.parse(text)
                        .orElseThrow(
                            () ->
                                ApiException.badParameter(
                                    "groupBy", "expected one of service, level")))
            .orElse(SeriesGroupBy.SERVICE);
    // Only level and service can be present here (rejectUnknown), so these are the only filters.
    SearchFilters filters = SearchFilters.parse(params);
    return new SeriesRequest(range, periods, groupBy, filters.services(), filters.levels());
  }
}
