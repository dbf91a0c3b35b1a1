package io.devlogs.query.streams;

import io.devlogs.query.http.ApiException;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.records.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A validated {@code GET /v1/streams/{name}} request. The range is capped so that at most {@code
 * MAX_SPAN.toDays() + 1} day partitions are read.
 */
public record StreamRequest(String stream, TimeRange range, int limit) {
  public static final Duration DEFAULT_SPAN = Duration.ofHours(24);
  public static final Duration MAX_SPAN = Duration.ofDays(31);
  public static final int DEFAULT_LIMIT = 1000;
  public static final int MAX_LIMIT = 5000;
  static final int MAX_NAME_LENGTH = 256;

  public StreamRequest {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(range, "range");
  }

  /** Parses the path's stream name and {@code from, to, limit}; 400 naming the bad parameter. */
  public static StreamRequest parse(String name, RequestParams params, Instant now) {
    if (name == null || name.isBlank()) {
      throw ApiException.badParameter("name", "stream name is empty");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw ApiException.badParameter("name", "longer than " + MAX_NAME_LENGTH + " characters");
    }
    TimeRange range = params.timeRange(now, DEFAULT_SPAN, MAX_SPAN);
    int limit = params.limit(DEFAULT_LIMIT, MAX_LIMIT);
    return new StreamRequest(name, range, limit);
  }
}
