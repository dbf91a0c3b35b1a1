package io.devlogs.query.logs;

import io.devlogs.query.http.ApiException;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.records.Level;
import io.devlogs.query.records.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A validated {@code GET /v1/logs} search: time range, levels (empty = all), exact service,
 * case-insensitive message substring, and a row limit.
 */
public record LogSearchRequest(
    TimeRange range,
    Set<Level> levels,
    Optional<String> service,
    Optional<String> text,
    int limit) {

  public static final Duration DEFAULT_SPAN = Duration.ofHours(1);
  public static final Duration MAX_SPAN = Duration.ofDays(31);
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;
  static final int MAX_TEXT_LENGTH = 512;

  public LogSearchRequest {
    Objects.requireNonNull(range, "range");
    levels = levels.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(levels));
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(text, "text");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit " + limit + " not in 1.." + MAX_LIMIT);
    }
  }

  /** Parses {@code from, to, level, service, q, limit}; 400 naming the first bad parameter. */
  public static LogSearchRequest parse(RequestParams params, Instant now) {
    TimeRange range = params.timeRange(now, DEFAULT_SPAN, MAX_SPAN);
    EnumSet<Level> levels = EnumSet.noneOf(Level.class);
    for (String name : params.list("level")) {
      levels.add(
          Level.parse(name)
              .orElseThrow(
                  () ->
                      ApiException.badParameter(
                          "level",
                          "unknown level '"
                              + (name.length() > 20 ? name.substring(0, 20) + "..." : name)
                              + "', expected one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL")));
    }
    Optional<String> service = params.text("service", MAX_TEXT_LENGTH);
    Optional<String> text = params.text("q", MAX_TEXT_LENGTH);
    int limit = params.limit(DEFAULT_LIMIT, MAX_LIMIT);
    return new LogSearchRequest(range, levels, service, text, limit);
  }
}
