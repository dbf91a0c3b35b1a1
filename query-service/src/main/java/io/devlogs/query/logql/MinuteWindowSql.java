package io.devlogs.query.logql;

import io.devlogs.query.clickhouse.SqlBuilder;
import io.devlogs.query.clickhouse.SqlQuery;
import io.devlogs.query.logql.LogqlAst.Grouping;
import io.devlogs.query.logql.LogqlAst.LabelMatcher;
import io.devlogs.query.logql.LogqlAst.MetricExpr;
import io.devlogs.query.logql.LogqlAst.RangeAggregation;
import io.devlogs.query.logql.LogqlAst.RangeFunction;
import io.devlogs.query.logql.LogqlAst.VectorAggregation;
import io.devlogs.query.logql.LogqlAst.VectorFunction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The metric queries that the minute aggregates ({@code devlogs.event_windows}, what the metrics
 * routes read) answer, compiled to SQL over them; pure. Eligible: {@code sum by/without (...)} of
 * {@code count_over_time} or {@code rate} whose selector names only {@code service} and {@code
 * level} (the labels a window holds), without a pipeline, keeping only those labels ({@code
 * without} must drop {@code stream}), with range, step and start on whole minutes. Everything else
 * takes the raw-event plan ({@link LogqlSql#metric}).
 *
 * <p><b>Closed and open minutes.</b> The job writes a minute's window when its watermark passes the
 * minute (every project's at once) and rewrites it for late events. The newest minute the project
 * has a window for may still be half committed, so it and everything after it (the open tail) is
 * counted from the raw events with Loki's exact bounds; the windows before it answer the rest. An
 * event later than the job's allowed lateness is in {@code events} but in no window (it is a dead
 * letter of the windows), and then only the raw plan counts it.
 *
 * <p><b>Minute bounds.</b> A window counts the events of {@code [m, m + 1 min)}, while a LogQL
 * evaluation at {@code t} counts those of {@code (t - range, t]}: an event stamped exactly on a
 * whole minute (to the nanosecond) counts one evaluation later here than in the raw plan, as it
 * does in the metrics routes. Finding those events would mean reading every event's time, which is
 * what this plan avoids.
 */
public final class MinuteWindowSql {
  private static final long MINUTE_NANOS = 60_000_000_000L;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final String EPOCH_NANOS = "toInt64(toUInt64(ts) * 1000000000 + ts_nanos)";
  private static final Set<String> WINDOW_LABELS = Set.of("service", "level");
  private static final List<String> WINDOW_LABEL_ORDER = List.of("service", "level");

  private MinuteWindowSql() {}

  /**
   * The statement over the minute windows, or empty when the query is not eligible (see the class
   * comment); its rows are those of {@link LogqlSql#metric} for the same arguments.
   */
  public static Optional<MetricSql> metric(
      String projectId, MetricExpr expr, Instant start, Instant end, long stepNanos) {
    Objects.requireNonNull(projectId, "projectId");
    Optional<List<String>> labels = labels(expr, start, stepNanos);
    if (labels.isEmpty()) {
      return Optional.empty();
    }
    long startNanos = LogqlSql.epochNanos(start);
    int steps = LogqlSql.steps(startNanos, LogqlSql.epochNanos(end), stepNanos);
    RangeAggregation range = (RangeAggregation) ((VectorAggregation) expr).inner();
    SqlQuery query =
        sql(projectId, range, labels.get(), startNanos / NANOS_PER_SECOND, stepNanos, steps);
    return Optional.of(new MetricSql(query, labels.get(), 0, startNanos, stepNanos, steps));
  }

  /**
   * The response header that names the plan of a metric query: {@value #MINUTE_WINDOWS} or {@value
   * #RAW_EVENTS}.
   */
  public static final String PLAN_HEADER = "X-Devlogs-Logql-Plan";

  public static final String MINUTE_WINDOWS = "minute-windows";
  public static final String RAW_EVENTS = "raw-events";

  /**
   * The plan {@link #metric} chooses for this query: {@value #MINUTE_WINDOWS} or {@value
   * #RAW_EVENTS}.
   */
  public static String plan(MetricExpr expr, Instant start, long stepNanos) {
    return labels(expr, start, stepNanos).isPresent() ? MINUTE_WINDOWS : RAW_EVENTS;
  }

  /** The labels of the answer's series when the query is eligible. */
  private static Optional<List<String>> labels(MetricExpr expr, Instant start, long stepNanos) {
    if (!(expr instanceof VectorAggregation vector)
        || vector.function() != VectorFunction.SUM
        || !(vector.inner() instanceof RangeAggregation range)
        || (range.function() != RangeFunction.COUNT_OVER_TIME
            && range.function() != RangeFunction.RATE)
        || !range.log().pipeline().isEmpty()
        || range.unwrap().isPresent()
        || range.rangeNanos() % MINUTE_NANOS != 0
        || stepNanos <= 0
        || stepNanos % MINUTE_NANOS != 0
        || LogqlSql.epochNanos(start) % MINUTE_NANOS != 0) {
      return Optional.empty();
    }
    for (LabelMatcher matcher : range.log().selector()) {
      if (!WINDOW_LABELS.contains(matcher.name())) {
        return Optional.empty();
      }
    }
    Grouping grouping = vector.grouping();
    if (!grouping.without()) {
      return WINDOW_LABELS.containsAll(grouping.labels())
          ? Optional.of(grouping.labels())
          : Optional.empty();
    }
    // The raw plan's series before the sum are per service, level and stream: without must drop
    // stream, which no window holds.
    if (!grouping.labels().contains("stream")) {
      return Optional.empty();
    }
    return Optional.of(
        WINDOW_LABEL_ORDER.stream().filter(l -> !grouping.labels().contains(l)).toList());
  }

  private static SqlQuery sql(
      String projectId,
      RangeAggregation range,
      List<String> labels,
      long startSeconds,
      long stepNanos,
      int steps) {
    long rangeSeconds = range.rangeNanos() / NANOS_PER_SECOND;
    long step = stepNanos / NANOS_PER_SECOND;
    long first = startSeconds - rangeSeconds;
    long last = startSeconds + (steps - 1) * step;
    // Minute m (its events in [m, m + 1 min)) is in evaluation k (time start + k * step) when
    // t - range <= m < t. Shifted by `shift` steps so every division has a positive dividend.
    long shift = -Math.floorDiv(-rangeSeconds, step) + 2;
    long offset = startSeconds - shift * step;
    SqlFragment lo = SqlFragment.of("greatest(intDiv(m - ?, ?) - ?, 0)", offset, step, shift - 1);
    SqlFragment hi =
        SqlFragment.of(
            "least(intDiv(m - ? + ?, ?) - ?, ?)", offset, rangeSeconds, step, shift, steps - 1L);
    SqlFragment k =
        SqlFragment.format(
            "arrayJoin(arrayMap(i -> %s + i, range(toUInt64(greatest(%s - %s + 1, 0)))))",
            lo, hi, lo);
    // The newest minute with a window (any service or level: the job closes a minute for all at
    // once), kept within the range; windows answer before it, raw events from it on.
    SqlFragment cutoff =
        SqlFragment.of(
            "(SELECT least(greatest(toUInt32(max(minute)), toUInt32(?)), toUInt32(?))"
                + " FROM devlogs.event_windows WHERE project = ? AND minute >= toDateTime(?))",
            first,
            last,
            projectId,
            first);
    SqlFragment selector = selector(range);
    SqlFragment windows =
        SqlFragment.format(
            "SELECT toInt64(toUInt32(minute)) AS m, service, level, w_events AS n FROM (SELECT"
                + " minute, service, level, argMax(events, version) AS w_events"
                + " FROM devlogs.event_windows WHERE project = %s AND minute >= toDateTime(%s)"
                + " AND minute < toDateTime(%s)%s GROUP BY minute, service, level)",
            SqlFragment.of("?", projectId), SqlFragment.of("?", first), cutoff, selector);
    // An event's minute by Loki's bounds: one stamped exactly on a whole minute closes the minute
    // before, so it counts at that minute's evaluation, as in the raw plan.
    SqlFragment events =
        SqlFragment.format(
            "SELECT intDiv("
                + EPOCH_NANOS
                + " - 1, 60000000000) * 60 AS m, service, level, count() AS n"
                + " FROM devlogs.events WHERE project = %s AND ts >= toDateTime(%s)"
                + " AND ts <= toDateTime(%s) AND "
                + EPOCH_NANOS
                + " <= %s%s GROUP BY m, service, level",
            SqlFragment.of("?", projectId),
            cutoff,
            SqlFragment.of("?", last),
            SqlFragment.of("?", last * NANOS_PER_SECOND),
            selector);
    StringBuilder template = new StringBuilder("SELECT k");
    List<SqlFragment> parts = new ArrayList<>();
    StringBuilder groupBy = new StringBuilder("k");
    StringBuilder columns = new StringBuilder();
    for (int i = 0; i < labels.size(); i++) {
      template.append(", %s AS g0_").append(i);
      parts.add(LogqlSql.labelValue(labels.get(i)));
      groupBy.append(", g0_").append(i);
      columns.append("g0_").append(i).append(", ");
    }
    SqlFragment value =
        range.function() == RangeFunction.RATE
            ? SqlFragment.of("sum(n) / toFloat64(?)", Long.toString(rangeSeconds))
            : SqlFragment.of("toFloat64(sum(n))");
    template.append(
        ", %s AS value FROM (SELECT %s AS k, m, service, level, n FROM (%s UNION ALL %s))");
    parts.add(value);
    parts.add(k);
    parts.add(windows);
    parts.add(events);
    template.append(" GROUP BY ").append(groupBy).append(" ORDER BY ").append(columns).append('k');
    SqlFragment sql = SqlFragment.format(template.toString(), parts.toArray(SqlFragment[]::new));
    return new SqlQuery(sql.sql(), sql.parameters());
  }

  private static SqlFragment selector(RangeAggregation range) {
    SqlBuilder conditions = new SqlBuilder();
    for (LabelMatcher matcher : range.log().selector()) {
      SqlFragment condition = LogqlSql.matcher(matcher);
      conditions.append(" AND " + condition.sql(), condition.parameters().toArray());
    }
    SqlQuery built = conditions.build();
    return new SqlFragment(built.sql(), built.parameters());
  }
}
