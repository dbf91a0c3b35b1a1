package io.devlogs.query.metrics;

import io.devlogs.http.ApiException;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.records.TimeRange;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A validated {@code GET /v1/metrics/top}: the whole minutes the range touches, the ranking and how
 * many services to return.
 */
public record TopRequest(TimeRange range, Periods minutes, TopOrder order, int limit) {

  public static final int DEFAULT_LIMIT = 10;
  public static final int MAX_LIMIT = 100;

  static final Set<String> PARAMETERS = Set.of("from", "to", "by", "limit");

  public TopRequest {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(minutes, "minutes");
    Objects.requireNonNull(order, "order");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit " + limit + " not in 1.." + MAX_LIMIT);
    }
  }

  /** Parses {@code from, to, by, limit}; 400 naming the first unknown or bad parameter. */
  public static TopRequest parse(RequestParams params, Instant now) {
    params.rejectUnknown(PARAMETERS);
    TimeRange range = params.timeRange(now, SeriesRequest.DEFAULT_SPAN, SeriesRequest.MAX_SPAN);
    TopOrder order =
        params
            .single("by")
            .map(
                text ->
                    TopOrder.parse(text)
                        .orElseThrow(
                            () ->
                                ApiException.badParameter(
                                    "by", "expected one of errors, events, errorRate")))
            .orElse(TopOrder.ERRORS);
    int limit = params.limit(DEFAULT_LIMIT, MAX_LIMIT);
    return new TopRequest(range, Periods.covering(range, Granularity.MINUTE), order, limit);
  }
}
