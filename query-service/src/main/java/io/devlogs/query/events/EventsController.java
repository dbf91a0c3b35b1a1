package io.devlogs.query.events;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.devlogs.query.http.Authentication;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.logs.LogQuery;
import io.devlogs.query.logs.LogSearch;
import io.devlogs.query.records.TimeRange;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /v1/events/{id}?at=}: one event of the authenticated project. With {@code at} (what
 * permalinks carry) only {@code at ± 1 s} is read; without it the last 31 days, and a day ahead for
 * clocks that run fast.
 */
public final class EventsController {
  static final Duration AT_TOLERANCE = Duration.ofSeconds(1);
  static final Duration LOOKBACK = Duration.ofDays(31);
  static final Duration LOOKAHEAD = Duration.ofDays(1);
  static final int MAX_ID_LENGTH = 256;

  private final LogSearch search;
  private final Clock clock;

  public EventsController(LogSearch search, Clock clock) {
    this.search = Objects.requireNonNull(search, "search");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public void get(Context ctx) {
    String id = ctx.pathParam("id");
    if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
      throw ApiException.badParameter("id", "must have 1 to " + MAX_ID_LENGTH + " characters");
    }
    RequestParams params = new RequestParams(ctx.queryParamMap());
    params.rejectUnknown(Set.of("at"));
    TimeRange range = params.instant("at").map(EventsController::around).orElseGet(this::recent);
    ctx.json(
        search
            .event(Authentication.projectId(ctx), id, range)
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorCode.NOT_FOUND,
                        "no event with this id in the project"
                            + (params.single("at").isPresent() ? " within 1 s of 'at'" : ""))));
  }

  private static TimeRange around(Instant at) {
    LogQuery.checkStorable("at", at.minus(AT_TOLERANCE));
    LogQuery.checkStorable("at", at.plus(AT_TOLERANCE));
    // [at - 1 s, at + 1 s], the end included.
    return new TimeRange(at.minus(AT_TOLERANCE), at.plus(AT_TOLERANCE).plusNanos(1));
  }

  private TimeRange recent() {
    Instant now = clock.instant();
    return new TimeRange(now.minus(LOOKBACK), now.plus(LOOKAHEAD));
  }
}
