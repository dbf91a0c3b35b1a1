package io.devlogs.query.metrics;

import io.devlogs.http.ApiException;
import io.devlogs.query.http.Authentication;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.logql.LogqlAst.MetricExpr;
import io.devlogs.query.logql.LogqlParameter;
import io.devlogs.query.logql.LogqlSql;
import io.devlogs.query.logql.MetricSeries;
import io.devlogs.query.logql.MinuteWindowSql;
import io.devlogs.query.logs.LogQuery;
import io.devlogs.query.logs.LogSearch;
import io.devlogs.query.records.TimeRange;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /v1/logql/series?query=&from=&to=&step=}: a LogQL metric query over the project's
 * events as series for the dashboard's chart, evaluated every {@code step} (default: about {@link
 * #TARGET_POINTS} points over the range) from {@code from} rounded down to a whole step up to
 * {@code to}.
 */
public final class LogqlSeriesController {
  static final int TARGET_POINTS = 200;
  private static final List<Duration> STEPS =
      List.of(
          Duration.ofSeconds(1),
          Duration.ofSeconds(5),
          Duration.ofSeconds(10),
          Duration.ofSeconds(15),
          Duration.ofSeconds(30),
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(10),
          Duration.ofMinutes(15),
          Duration.ofMinutes(30),
          Duration.ofHours(1),
          Duration.ofHours(3),
          Duration.ofHours(6),
          Duration.ofHours(12),
          Duration.ofDays(1));

  private final LogSearch search;
  private final Clock clock;

  public LogqlSeriesController(LogSearch search, Clock clock) {
    this.search = Objects.requireNonNull(search, "search");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The answer: the evaluated instants' bounds, the step in seconds, and the series. */
  public record Response(
      String query, Instant start, Instant end, double step, List<MetricSeries> series) {}

  public void series(Context ctx) {
    RequestParams params = new RequestParams(ctx.queryParamMap());
    params.rejectUnknown(Set.of("query", "from", "to", "step"));
    String text =
        params
            .single("query")
            .orElseThrow(
                () ->
                    ApiException.badParameter(
                        "query",
                        "required: a LogQL metric query like"
                            + " sum by (service) (rate({service=~\".+\"}[1m]))"));
    MetricExpr query = LogqlParameter.parseMetric("query", text);
    TimeRange range = params.timeRange(clock.instant(), LogQuery.DEFAULT_SPAN, LogQuery.MAX_SPAN);
    LogQuery.checkStorable("from", range.from());
    LogQuery.checkStorable("to", range.to());
    long step =
        LogqlParameter.stepNanos("step", params.single("step"))
            .orElseGet(() -> defaultStep(range.length()).toNanos());
    Instant start = alignedStart(range.from(), step);
    long points = Duration.between(start, range.to()).toNanos() / step + 1;
    if (points > LogqlSql.MAX_STEPS) {
      throw ApiException.badParameter(
          "step",
          "gives "
              + points
              + " points per series, more than "
              + LogqlSql.MAX_STEPS
              + "; use a larger step");
    }
    ctx.header(MinuteWindowSql.PLAN_HEADER, MinuteWindowSql.plan(query, start, step));
    List<MetricSeries> series =
        search.metric(
            Authentication.projectId(ctx), query, start, range.to(), step, MetricSeries.MAX_SERIES);
    ctx.json(new Response(text, start, range.to(), step / 1e9, series));
  }

  /** The smallest usual step that gives at most about {@link #TARGET_POINTS} points. */
  static Duration defaultStep(Duration range) {
    for (Duration step : STEPS) {
      if (range.dividedBy(step) <= TARGET_POINTS) {
        return step;
      }
    }
    return STEPS.get(STEPS.size() - 1);
  }

  /** {@code from} rounded down to a multiple of the step since the epoch. */
  static Instant alignedStart(Instant from, long stepNanos) {
    long nanos =
        Math.addExact(Math.multiplyExact(from.getEpochSecond(), 1_000_000_000L), from.getNano());
    long aligned = Math.floorDiv(nanos, stepNanos) * stepNanos;
    return Instant.ofEpochSecond(
        Math.floorDiv(aligned, 1_000_000_000L), Math.floorMod(aligned, 1_000_000_000L));
  }
}
