package io.devlogs.query.loki;

import io.devlogs.http.ApiException;
import io.devlogs.query.http.Authentication;
import io.devlogs.query.logql.LogqlAst.Expr;
import io.devlogs.query.logql.LogqlAst.LogExpr;
import io.devlogs.query.logql.LogqlAst.MetricExpr;
import io.devlogs.query.logql.LogqlParser;
import io.devlogs.query.logql.LogqlSql.Direction;
import io.devlogs.query.logql.MetricSeries;
import io.devlogs.query.logql.MetricSeries.Point;
import io.devlogs.query.logql.MinuteWindowSql;
import io.devlogs.query.logs.LogSearch;
import io.devlogs.query.records.LogEvent;
import io.devlogs.query.records.TimeRange;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /loki/api/v1/query_range} and {@code /loki/api/v1/query}: a LogQL log query answers {@code
 * streams}, a metric query {@code matrix} (range) or {@code vector} (instant), over the
 * authenticated project's events. Metric queries run through {@link LogSearch#metric}, the executor
 * of the dashboard's charts, so both answer the same series.
 */
public final class LokiQueryController {
  /** Loki's step of an instant query: one evaluation at {@code time}. */
  private static final long INSTANT_STEP_NANOS = 1_000_000_000L;

  private final LokiStore store;
  private final LogSearch metrics;
  private final Clock clock;

  public LokiQueryController(LokiStore store, LogSearch metrics, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public void queryRange(Context ctx) {
    LokiParams params = LokiParams.of(ctx);
    String text = params.required("query");
    TimeRange range = params.range(clock.instant());
    int limit = params.limit();
    Direction direction = params.direction();
    // Checked for log queries too, as Loki does.
    long step = params.stepNanos(range);
    long started = System.nanoTime();
    Optional<ConstantQuery> constant = ConstantQuery.of(text);
    if (constant.isPresent()) {
      ctx.json(LokiJson.matrix(constant(constant.get(), range, step), stats(started)));
      return;
    }
    Expr expr = LogqlParser.parse(text);
    String projectId = Authentication.projectId(ctx);
    if (expr instanceof LogExpr log) {
      List<LogEvent> events = store.logs(projectId, log, range, limit, direction);
      ctx.json(LokiJson.streams(events, logStats(events, started)));
      return;
    }
    ctx.header(
        MinuteWindowSql.PLAN_HEADER, MinuteWindowSql.plan((MetricExpr) expr, range.from(), step));
    List<MetricSeries> series =
        metrics.metric(
            projectId, (MetricExpr) expr, range.from(), range.to(), step, MetricSeries.MAX_SERIES);
    ctx.json(LokiJson.matrix(series, stats(started)));
  }

  public void query(Context ctx) {
    LokiParams params = LokiParams.of(ctx);
    String text = params.required("query");
    Instant time = params.instant(clock.instant());
    params.limit();
    params.direction();
    Optional<ConstantQuery> constant = ConstantQuery.of(text);
    if (constant.isPresent()) {
      Point point = new Point(time, constant.get().value());
      ctx.json(
          constant.get().vector()
              ? LokiJson.vector(
                  List.of(new MetricSeries(Map.of(), List.of(point))), stats(System.nanoTime()))
              : LokiJson.scalar(point, stats(System.nanoTime())));
      return;
    }
    Expr expr = LogqlParser.parse(text);
    if (expr instanceof LogExpr) {
      // Loki 2.9 and later answer the same: an instant has no lines.
      throw ApiException.badParameter(
          "query",
          "log queries are not supported as an instant query type, please change your query to a"
              + " range query type");
    }
    long started = System.nanoTime();
    List<MetricSeries> series =
        metrics.metric(
            Authentication.projectId(ctx),
            (MetricExpr) expr,
            time,
            time,
            INSTANT_STEP_NANOS,
            MetricSeries.MAX_SERIES);
    ctx.json(LokiJson.vector(series, stats(started)));
  }

  private static Map<String, Object> logStats(List<LogEvent> events, long started) {
    long bytes = 0;
    for (LogEvent event : events) {
      bytes +=
          event.message() == null ? 0 : event.message().getBytes(StandardCharsets.UTF_8).length;
    }
    return LokiJson.stats(events.size(), bytes, (System.nanoTime() - started) / 1e9);
  }

  /** A constant at every step of the range, as one series without labels. */
  private static List<MetricSeries> constant(ConstantQuery constant, TimeRange range, long step) {
    List<Point> points = new ArrayList<>();
    for (Instant t = range.from(); !t.isAfter(range.to()); t = t.plusNanos(step)) {
      points.add(new Point(t, constant.value()));
    }
    return List.of(new MetricSeries(Map.of(), points));
  }

  private static Map<String, Object> stats(long started) {
    return LokiJson.stats(0, 0, (System.nanoTime() - started) / 1e9);
  }
}
