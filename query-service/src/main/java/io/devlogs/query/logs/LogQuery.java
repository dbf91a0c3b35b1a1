package io.devlogs.query.logs;

import io.devlogs.http.ApiException;
import io.devlogs.query.filters.SearchFilters;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.records.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/** What search, histogram, facets and export share: a time range and the common filters. */
public record LogQuery(TimeRange range, SearchFilters filters) {
  public static final Duration DEFAULT_SPAN = Duration.ofHours(1);
  public static final Duration MAX_SPAN = Duration.ofDays(31);
  private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

  /** The parameters {@link #parse} reads, besides {@code attr.*}. */
  public static final Set<String> PARAMETERS = with(SearchFilters.PARAMETERS, "from", "to");

  public LogQuery {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(filters, "filters");
  }

  /**
   * Reads {@code from, to} and the filters, and refuses every parameter that is neither these nor
   * one of {@code extraParameters}; 400 naming the first bad parameter.
   */
  public static LogQuery parse(RequestParams params, Instant now, String... extraParameters) {
    params.rejectUnknown(with(PARAMETERS, extraParameters), SearchFilters.ATTRIBUTE_PREFIX);
    TimeRange range = params.timeRange(now, DEFAULT_SPAN, MAX_SPAN);
    checkStorable("from", range.from());
    checkStorable("to", range.to());
    return new LogQuery(range, SearchFilters.parse(params));
  }

  /**
   * 400 unless {@code instant} is in [1970, 2100): ClickHouse's {@code DateTime} holds no other
   * times, and epoch nanoseconds of later ones overflow.
   */
  public static void checkStorable(String parameter, Instant instant) {
    if (instant.isBefore(Instant.EPOCH) || !instant.isBefore(LATEST)) {
      throw ApiException.badParameter(parameter, "must be between 1970 and 2100 (UTC)");
    }
  }

  public LogQuery withRange(TimeRange newRange) {
    return new LogQuery(newRange, filters);
  }

  private static Set<String> with(Set<String> names, String... more) {
    Set<String> all = new HashSet<>(names);
    all.addAll(Set.of(more));
    return Set.copyOf(all);
  }
}
