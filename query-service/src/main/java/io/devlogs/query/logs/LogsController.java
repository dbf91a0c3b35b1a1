package io.devlogs.query.logs;

import io.devlogs.query.http.Authentication;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.records.LogEvent;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** {@code GET /v1/logs}: search the authenticated project's events. */
public final class LogsController {
  private final LogSearch search;
  private final Clock clock;

  public LogsController(LogSearch search, Clock clock) {
    this.search = Objects.requireNonNull(search, "search");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Response body of a search. */
  public record SearchResponse(List<LogEvent> events) {}

  public void search(Context ctx) {
    LogSearchRequest request =
        LogSearchRequest.parse(new RequestParams(ctx.queryParamMap()), clock.instant());
    ctx.json(new SearchResponse(search.search(Authentication.projectId(ctx), request)));
  }
}
