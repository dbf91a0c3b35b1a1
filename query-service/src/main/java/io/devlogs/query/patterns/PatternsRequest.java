package io.devlogs.query.patterns;

import io.devlogs.flink.records.Level;
import io.devlogs.http.ApiException;
import io.devlogs.query.filters.SearchFilters;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.records.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A validated {@code GET /v1/patterns}: the range, optional service and level filters, the order
 * and how many patterns to return. The range is cut into {@link #BUCKETS} equal buckets of whole
 * minutes for each pattern's sparkline.
 */
public record PatternsRequest(
    TimeRange range, Set<String> services, Set<Level> levels, PatternOrder order, int limit) {

  public static final Duration DEFAULT_SPAN = Duration.ofHours(1);
  public static final Duration MAX_SPAN = Duration.ofDays(31);
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  /** Points of a pattern's sparkline. */
  public static final int BUCKETS = 30;

  static final Set<String> PARAMETERS = Set.of("from", "to", "service", "level", "sort", "limit");

  public PatternsRequest {
    Objects.requireNonNull(range, "range");
    services = Set.copyOf(services);
    levels = Set.copyOf(levels);
    Objects.requireNonNull(order, "order");
  }

  /** Parses the parameters; a 400 names the first unknown or bad one. */
  public static PatternsRequest parse(RequestParams params, Instant now) {
    params.rejectUnknown(PARAMETERS);
    TimeRange range = params.timeRange(now, DEFAULT_SPAN, MAX_SPAN);
    PatternOrder order =
        params
            .single("sort")
            .map(
                text ->
                    PatternOrder.parse(text)
                        .orElseThrow(
                            () -> ApiException.badParameter("sort", "expected count or newest")))
            .orElse(PatternOrder.COUNT);
    int limit = params.limit(DEFAULT_LIMIT, MAX_LIMIT);
    // Only service and level can be present here (rejectUnknown), so these are the only filters.
    SearchFilters filters = SearchFilters.parse(params);
    return new PatternsRequest(range, filters.services(), filters.levels(), order, limit);
  }

  /** The first minute of the sparkline: {@code from} rounded down to the minute. */
  public Instant first() {
    return Instant.ofEpochSecond(Math.floorDiv(range.from().getEpochSecond(), 60) * 60);
  }

  /** Seconds per sparkline bucket: whole minutes, {@link #BUCKETS} buckets cover the range. */
  public long bucketSeconds() {
    long seconds = range.to().getEpochSecond() - first().getEpochSecond();
    long minutes = Math.max(1, (seconds + 60L * BUCKETS - 1) / (60L * BUCKETS));
    return minutes * 60;
  }

  /** How ranked: most events in the range, or most recently first seen. */
  public enum PatternOrder {
    COUNT,
    NEWEST;

    static java.util.Optional<PatternOrder> parse(String text) {
      return switch (text) {
        case "count" -> java.util.Optional.of(COUNT);
        case "newest" -> java.util.Optional.of(NEWEST);
        default -> java.util.Optional.empty();
      };
    }
  }
}
