package io.devlogs.query.logs;

import java.util.Objects;
import java.util.Optional;

/**
 * One validated page of {@code GET /v1/logs}: the query, the page size and, for every page but the
 * first, the position of the previous page's last event.
 */
public record LogSearchRequest(LogQuery query, int limit, Optional<EventPosition> after) {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  public LogSearchRequest {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(after, "after");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit " + limit + " not in 1.." + MAX_LIMIT);
    }
  }
}
