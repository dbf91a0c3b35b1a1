package io.devlogs.query.deadletters;

import io.devlogs.query.http.Authentication;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.logs.EventPosition;
import io.devlogs.query.logs.SearchCursor;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /v1/dead-letters} (the authenticated project's dead letters, newest first, with cursor
 * paging like {@code GET /v1/logs}) and {@code GET /v1/dead-letters/counts} (per cause). The
 * project is always the key's.
 */
public final class DeadLettersController {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  private final DeadLetters deadLetters;
  private final SearchCursor cursors;
  private final Clock clock;

  public DeadLettersController(DeadLetters deadLetters, SearchCursor cursors, Clock clock) {
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.cursors = Objects.requireNonNull(cursors, "cursors");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Response body of a page; {@code nextCursor} is null on the last page. */
  public record Page(List<DeadLetter> deadLetters, String nextCursor) {}

  /**
   * Response body of the counts: every cause with dead letters in the range (of those asked for
   * with {@code cause}, if any), most first.
   */
  public record Counts(Instant from, Instant to, long total, List<CauseCount> causes) {}

  public void list(Context ctx) {
    RequestParams params = new RequestParams(ctx.queryParamMap());
    DeadLetterQuery query = DeadLetterQuery.parse(params, clock.instant(), "limit", "cursor");
    int limit = params.limit(DEFAULT_LIMIT, MAX_LIMIT);
    String projectId = Authentication.projectId(ctx);
    // The cursor is bound to the route as well as to the filters: a search cursor is no use here.
    String filterText = "dead-letters?" + SearchCursor.filterText(ctx.queryParamMap());
    Optional<SearchCursor.Page> page =
        params.single("cursor").map(token -> cursors.decode(token, projectId, filterText));
    // Later pages read the first page's range: "to" defaults to now, which has moved on.
    DeadLetterQuery pageQuery =
        page.map(p -> new DeadLetterQuery(p.range(), query.causes())).orElse(query);
    List<DeadLetter> letters =
        deadLetters.page(projectId, pageQuery, limit, page.map(SearchCursor.Page::after));
    String next = null;
    if (letters.size() == limit) {
      DeadLetter last = letters.get(letters.size() - 1);
      next =
          cursors.encode(
              projectId,
              filterText,
              new SearchCursor.Page(pageQuery.range(), new EventPosition(last.time(), last.id())));
    }
    ctx.json(new Page(letters, next));
  }

  public void counts(Context ctx) {
    DeadLetterQuery query =
        DeadLetterQuery.parse(new RequestParams(ctx.queryParamMap()), clock.instant());
    List<CauseCount> causes = deadLetters.counts(Authentication.projectId(ctx), query);
    long total = causes.stream().mapToLong(CauseCount::count).sum();
    ctx.json(new Counts(query.range().from(), query.range().to(), total, causes));
  }
}
