package io.devlogs.query.logs;

import io.devlogs.query.http.Authentication;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.records.LogEvent;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /v1/logs} (search with cursor paging), {@code /v1/logs/histogram}, {@code
 * /v1/logs/facets}, {@code /v1/logs/export} and {@code /v1/fields} over the authenticated project's
 * events.
 */
public final class LogsController {
  public static final int EXPORT_DEFAULT_LIMIT = 100_000;
  public static final int EXPORT_MAX_LIMIT = 1_000_000;

  private final LogSearch search;
  private final SearchCursor cursors;
  private final Clock clock;

  public LogsController(LogSearch search, SearchCursor cursors, Clock clock) {
    this.search = Objects.requireNonNull(search, "search");
    this.cursors = Objects.requireNonNull(cursors, "cursors");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Response body of a search; {@code nextCursor} is null on the last page. */
  public record SearchResponse(List<LogEvent> events, String nextCursor) {}

  public void search(Context ctx) {
    RequestParams params = new RequestParams(ctx.queryParamMap());
    LogQuery query = LogQuery.parse(params, clock.instant(), "limit", "cursor");
    int limit = params.limit(LogSearchRequest.DEFAULT_LIMIT, LogSearchRequest.MAX_LIMIT);
    String projectId = Authentication.projectId(ctx);
    String filterText = SearchCursor.filterText(ctx.queryParamMap());
    Optional<SearchCursor.Page> page =
        params.single("cursor").map(token -> cursors.decode(token, projectId, filterText));
    // Later pages read the first page's range: "to" defaults to now, which has moved on.
    LogQuery pageQuery = page.map(p -> query.withRange(p.range())).orElse(query);
    List<LogEvent> events =
        search.search(
            projectId, new LogSearchRequest(pageQuery, limit, page.map(SearchCursor.Page::after)));
    String next = null;
    if (events.size() == limit) {
      LogEvent last = events.get(events.size() - 1);
      next =
          cursors.encode(
              projectId,
              filterText,
              new SearchCursor.Page(
                  pageQuery.range(), new EventPosition(last.timestamp(), last.id())));
    }
    ctx.json(new SearchResponse(events, next));
  }

  public void histogram(Context ctx) {
    RequestParams params = new RequestParams(ctx.queryParamMap());
    LogQuery query = LogQuery.parse(params, clock.instant(), "buckets");
    int buckets =
        params.integer(
            "buckets",
            HistogramStep.DEFAULT_BUCKETS,
            HistogramStep.MIN_BUCKETS,
            HistogramStep.MAX_BUCKETS);
    ctx.json(
        search.histogram(
            Authentication.projectId(ctx),
            query,
            HistogramStep.choose(query.range().length(), buckets)));
  }

  public void facets(Context ctx) {
    LogQuery query = LogQuery.parse(new RequestParams(ctx.queryParamMap()), clock.instant());
    ctx.json(search.facets(Authentication.projectId(ctx), query));
  }

  /** {@code GET /v1/fields}: the labels and attributes of the newest matches, top values each. */
  public void fields(Context ctx) {
    RequestParams params = new RequestParams(ctx.queryParamMap());
    LogQuery query = LogQuery.parse(params, clock.instant(), "values");
    int values = params.integer("values", Fields.DEFAULT_VALUES, 1, Fields.MAX_VALUES);
    ctx.json(search.fields(Authentication.projectId(ctx), query, values));
  }

  public void export(Context ctx) {
    RequestParams params = new RequestParams(ctx.queryParamMap());
    LogQuery query = LogQuery.parse(params, clock.instant(), "format", "limit");
    ExportFormat format =
        params.single("format").map(ExportFormat::parse).orElse(ExportFormat.NDJSON);
    int limit = params.limit(EXPORT_DEFAULT_LIMIT, EXPORT_MAX_LIMIT);
    ExportResponse response = new ExportResponse(ctx, format);
    try {
      search.export(Authentication.projectId(ctx), query, limit, response);
    } catch (RuntimeException e) {
      response.fail(e);
    }
  }
}
