package io.devlogs.query.logql;

import io.devlogs.query.clickhouse.SqlBuilder;
import io.devlogs.query.clickhouse.SqlQuery;
import io.devlogs.query.filters.SearchFilters;
import io.devlogs.query.logql.LogqlAst.And;
import io.devlogs.query.logql.LogqlAst.Grouping;
import io.devlogs.query.logql.LogqlAst.LabelFilter;
import io.devlogs.query.logql.LogqlAst.LabelMatcher;
import io.devlogs.query.logql.LogqlAst.LineFilter;
import io.devlogs.query.logql.LogqlAst.LogExpr;
import io.devlogs.query.logql.LogqlAst.MatchOp;
import io.devlogs.query.logql.LogqlAst.MetricExpr;
import io.devlogs.query.logql.LogqlAst.NumberCompare;
import io.devlogs.query.logql.LogqlAst.Or;
import io.devlogs.query.logql.LogqlAst.Parser;
import io.devlogs.query.logql.LogqlAst.Predicate;
import io.devlogs.query.logql.LogqlAst.RangeAggregation;
import io.devlogs.query.logql.LogqlAst.RangeFunction;
import io.devlogs.query.logql.LogqlAst.Stage;
import io.devlogs.query.logql.LogqlAst.StringCompare;
import io.devlogs.query.logql.LogqlAst.VectorAggregation;
import io.devlogs.query.logql.LogqlAst.VectorFunction;
import io.devlogs.query.logs.EventSql;
import io.devlogs.query.logs.LogQuery;
import io.devlogs.query.records.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * LogQL compiled to ClickHouse SQL over {@code devlogs.events}; pure. The project and time range
 * come from the caller ({@link EventSql#where}); every value of the query (label names and values,
 * texts, regular expressions, numbers) is a bound parameter, so the SQL text depends only on the
 * query's shape. Statements stay within what ClickHouse 18.16 and current versions accept.
 *
 * <p>Regular expressions run with ClickHouse's {@code match} (RE2) behind {@code (?-s)}, so that
 * {@code .} does not match a line break, as in Loki and RE2/J; label matchers are anchored, line
 * filters are not.
 */
public final class LogqlSql {
  /** Loki's own ceiling on the points of one series. */
  public static final int MAX_STEPS = 11_000;

  /** The regular expression (RE2) of a label value that numeric comparisons read as a number. */
  public static final String NUMBER_VALUE = Literals.NUMBER_VALUE;

  private static final String EPOCH_NANOS = "toInt64(toUInt64(ts) * 1000000000 + ts_nanos)";
  private static final List<String> STREAM_LABELS = List.of("service", "level", "stream");
  private static final List<String> ANY_LINE = List.of(".+", ".*");

  private LogqlSql() {}

  /** Order of a log query's events. */
  public enum Direction {
    BACKWARD(" ORDER BY ts DESC, ts_nanos DESC, event_id DESC"),
    FORWARD(" ORDER BY ts, ts_nanos, event_id");

    private final String orderBy;

    Direction(String orderBy) {
      this.orderBy = orderBy;
    }
  }

  /**
   * The events of a log query in {@code range}, at most {@code limit}, in {@code direction}; rows
   * of {@link EventSql#COLUMNS}, duplicates collapsed as search does.
   */
  public static SqlQuery logs(
      String projectId, LogExpr log, TimeRange range, int limit, Direction direction) {
    SqlBuilder sql = new SqlBuilder().append("SELECT " + EventSql.COLUMNS + " FROM devlogs.events");
    where(sql, projectId, log, range);
    return sql.append(direction.orderBy + " LIMIT 1 BY ts, ts_nanos, event_id LIMIT ?", limit)
        .build();
  }

  /**
   * A metric query evaluated at {@code start, start + step, ...} up to {@code end}, each point over
   * the events in {@code (t - range, t]}, as Loki does.
   */
  public static MetricSql metric(
      String projectId, MetricExpr expr, Instant start, Instant end, long stepNanos) {
    Objects.requireNonNull(projectId, "projectId");
    long startNanos = epochNanos(start);
    long endNanos = epochNanos(end);
    Steps grid =
        new Steps(projectId, startNanos, stepNanos, steps(startNanos, endNanos, stepNanos));
    Compiled compiled = compile(expr, grid, 0, List.of());
    SqlFragment ordered =
        SqlFragment.format(
            "SELECT k, "
                + columns(compiled.labels().size(), compiled.depth())
                + "v"
                + compiled.depth()
                + " AS value FROM (%s) ORDER BY "
                + columns(compiled.labels().size(), compiled.depth())
                + "k",
            compiled.sql());
    return new MetricSql(
        new SqlQuery(ordered.sql(), ordered.parameters()),
        compiled.labels(),
        compiled.depth(),
        startNanos,
        stepNanos,
        grid.count());
  }

  /** The evaluations from start to end; at most {@link #MAX_STEPS}. */
  static int steps(long startNanos, long endNanos, long stepNanos) {
    if (stepNanos <= 0) {
      throw new IllegalArgumentException("step must be positive");
    }
    if (endNanos < startNanos) {
      throw new IllegalArgumentException("end before start");
    }
    long steps = (endNanos - startNanos) / stepNanos + 1;
    if (steps > MAX_STEPS) {
      throw new IllegalArgumentException(
          "more than " + MAX_STEPS + " points per series; use a larger step");
    }
    return (int) steps;
  }

  private record Steps(String projectId, long startNanos, long stepNanos, int count) {}

  /** A sub-select with columns {@code k, g<depth>_0.., v<depth>} and the labels they hold. */
  private record Compiled(SqlFragment sql, List<String> labels, int depth) {}

  private static Compiled compile(MetricExpr expr, Steps grid, int depth, List<String> wanted) {
    if (expr instanceof RangeAggregation range) {
      List<String> labels = new ArrayList<>(new LinkedHashSet<>(concat(STREAM_LABELS, wanted)));
      return new Compiled(rangeAggregation(range, grid, labels, depth), labels, depth);
    }
    VectorAggregation vector = (VectorAggregation) expr;
    Grouping grouping = vector.grouping();
    if (summedDirectly(vector)) {
      // sum by (l) of an additive range aggregation: the range aggregation grouped by l gives the
      // same values without a series per stream in between (a 24 h rate reads every event once).
      RangeAggregation range = (RangeAggregation) vector.inner();
      return new Compiled(
          rangeAggregation(range, grid, grouping.labels(), depth), grouping.labels(), depth);
    }
    Compiled inner =
        compile(
            vector.inner(), grid, depth + 1, grouping.without() ? List.of() : grouping.labels());
    List<String> groups = groups(grouping, inner.labels());
    int d = depth;
    int id = inner.depth();
    if (vector.function() == VectorFunction.TOPK || vector.function() == VectorFunction.BOTTOMK) {
      String order = vector.function() == VectorFunction.TOPK ? " DESC" : "";
      StringBuilder by = new StringBuilder("k");
      for (String group : groups) {
        by.append(", ").append(groupColumn(group, inner, id));
      }
      StringBuilder columns = new StringBuilder();
      for (int i = 0; i < inner.labels().size(); i++) {
        columns
            .append("g")
            .append(id)
            .append('_')
            .append(i)
            .append(" AS g")
            .append(d)
            .append('_')
            .append(i)
            .append(", ");
      }
      SqlFragment sql =
          SqlFragment.format(
              "SELECT k, "
                  + columns
                  + "v"
                  + id
                  + " AS v"
                  + d
                  + " FROM (%s) ORDER BY "
                  + by
                  + ", v"
                  + id
                  + order
                  + ", "
                  + columns(inner.labels().size(), id)
                  + "k LIMIT %s BY "
                  + by,
              inner.sql(),
              SqlFragment.of("?", vector.k().getAsInt()));
      return new Compiled(sql, inner.labels(), d);
    }
    String aggregate =
        switch (vector.function()) {
          case SUM -> "sum(v" + id + ")";
          case AVG -> "avg(v" + id + ")";
          case MIN -> "min(v" + id + ")";
          case MAX -> "max(v" + id + ")";
          case COUNT -> "toFloat64(count())";
          default -> throw new IllegalStateException();
        };
    StringBuilder columns = new StringBuilder();
    StringBuilder groupBy = new StringBuilder("k");
    for (int i = 0; i < groups.size(); i++) {
      columns
          .append(groupColumn(groups.get(i), inner, id))
          .append(" AS g")
          .append(d)
          .append('_')
          .append(i)
          .append(", ");
      groupBy.append(", g").append(d).append('_').append(i);
    }
    SqlFragment sql =
        SqlFragment.format(
            "SELECT k, " + columns + aggregate + " AS v" + d + " FROM (%s) GROUP BY " + groupBy,
            inner.sql());
    return new Compiled(sql, groups, d);
  }

  /**
   * Whether a vector aggregation is a {@code sum by (...)} (or a plain {@code sum}) of a range
   * aggregation whose values add up across streams: counts, bytes and sums.
   */
  private static boolean summedDirectly(VectorAggregation vector) {
    if (vector.function() != VectorFunction.SUM
        || vector.grouping().without()
        || !(vector.inner() instanceof RangeAggregation range)) {
      return false;
    }
    return switch (range.function()) {
      case COUNT_OVER_TIME, RATE, BYTES_OVER_TIME, BYTES_RATE, SUM_OVER_TIME -> true;
      default -> false;
    };
  }

  /** The labels a vector aggregation keeps. */
  private static List<String> groups(Grouping grouping, List<String> innerLabels) {
    if (grouping.without()) {
      return innerLabels.stream().filter(l -> !grouping.labels().contains(l)).toList();
    }
    return grouping.labels();
  }

  /** An inner series' column of a label, or '' for a label it does not have (as in Loki). */
  private static String groupColumn(String label, Compiled inner, int innerDepth) {
    int index = inner.labels().indexOf(label);
    return index < 0 ? "''" : "g" + innerDepth + "_" + index;
  }

  private static SqlFragment rangeAggregation(
      RangeAggregation range, Steps grid, List<String> labels, int depth) {
    long rangeNanos = range.rangeNanos();
    long step = grid.stepNanos();
    // Evaluation k (time t = start + k*step) covers the events in (t - range, t]. Shifted by m
    // steps so every division below has a positive dividend.
    long m = ceilDiv(rangeNanos, step) + 1;
    long offset = grid.startNanos() - m * step;
    SqlFragment lo =
        SqlFragment.of(
            "greatest(intDiv(" + EPOCH_NANOS + " - ?, ?) - ?, 0)", offset - step + 1, step, m);
    SqlFragment hi =
        SqlFragment.of(
            "least(intDiv(" + EPOCH_NANOS + " - ?, ?) - ?, ?)",
            offset - rangeNanos - step + 1,
            step,
            m + 1,
            (long) grid.count() - 1);
    // With the range equal to the step (rate(...[1m]) every minute) each event in the WHERE's
    // window is in exactly one evaluation, lo; otherwise in every one from lo to hi.
    SqlFragment k =
        rangeNanos == step
            ? lo
            : SqlFragment.format(
                "arrayJoin(arrayMap(i -> %s + i, range(toUInt64(greatest(%s - %s + 1, 0)))))",
                lo, hi, lo);
    StringBuilder template = new StringBuilder("SELECT %s AS k, ");
    List<SqlFragment> parts = new ArrayList<>();
    parts.add(k);
    for (int i = 0; i < labels.size(); i++) {
      template.append("%s AS g").append(depth).append('_').append(i).append(", ");
      parts.add(labelValue(labels.get(i)));
    }
    String seconds = Literals.plain(rangeNanos / 1e9);
    SqlFragment unwrapped =
        range
            .unwrap()
            .map(l -> SqlFragment.format("toFloat64OrZero(%s)", labelValue(l)))
            .orElse(null);
    String v = "v" + depth;
    boolean quantile = range.function() == RangeFunction.QUANTILE_OVER_TIME;
    SqlFragment value =
        switch (range.function()) {
          case COUNT_OVER_TIME -> SqlFragment.of("toFloat64(count())");
          case RATE -> SqlFragment.of("count() / toFloat64(?)", seconds);
          case BYTES_OVER_TIME -> SqlFragment.of("toFloat64(sum(length(message)))");
          case BYTES_RATE -> SqlFragment.of("sum(length(message)) / toFloat64(?)", seconds);
          case SUM_OVER_TIME -> SqlFragment.format("sum(%s)", unwrapped);
          case AVG_OVER_TIME -> SqlFragment.format("avg(%s)", unwrapped);
          case MAX_OVER_TIME -> SqlFragment.format("max(%s)", unwrapped);
          case MIN_OVER_TIME -> SqlFragment.format("min(%s)", unwrapped);
          case QUANTILE_OVER_TIME -> SqlFragment.format("arraySort(groupArray(%s))", unwrapped);
        };
    template.append("%s AS ").append(quantile ? "sorted" : v).append(" FROM devlogs.events");
    parts.add(value);
    SqlBuilder where = new SqlBuilder();
    Instant from = instant(grid.startNanos() - rangeNanos + 1);
    Instant to = instant(grid.startNanos() + (grid.count() - 1) * step + 1);
    where(where, grid.projectId(), range.log(), new TimeRange(from, to));
    range
        .unwrap()
        .ifPresent(
            l -> {
              SqlFragment guard =
                  SqlFragment.format(
                      " AND match(%s, %s)",
                      labelValue(l), SqlFragment.of("?", Literals.NUMBER_VALUE));
              where.append(guard.sql(), guard.parameters().toArray());
            });
    SqlQuery whereQuery = where.build();
    template.append("%s GROUP BY k");
    parts.add(new SqlFragment(whereQuery.sql(), whereQuery.parameters()));
    for (int i = 0; i < labels.size(); i++) {
      template.append(", g").append(depth).append('_').append(i);
    }
    SqlFragment grouped =
        SqlFragment.format(template.toString(), parts.toArray(SqlFragment[]::new));
    if (!quantile) {
      return grouped;
    }
    // Loki's quantile: linear interpolation between the sorted values at rank phi * (n - 1).
    String phi = Literals.plain(range.parameter().getAsDouble());
    SqlFragment rank = SqlFragment.of("(toFloat64(?) * (length(sorted) - 1))", phi);
    SqlFragment low = SqlFragment.format("toUInt64(floor(%s))", rank);
    SqlFragment weight = SqlFragment.format("(%s - floor(%s))", rank, rank);
    return SqlFragment.format(
        "SELECT k, "
            + columns(labels.size(), depth)
            + "sorted[%s + 1] * (1 - %s) + sorted[least(%s + 2, length(sorted))] * %s AS "
            + v
            + " FROM (%s)",
        low,
        weight,
        low,
        weight,
        grouped);
  }

  /** {@code WHERE} with the project, the range, the selector and the pipeline. */
  public static void where(SqlBuilder sql, String projectId, LogExpr log, TimeRange range) {
    EventSql.where(
        sql, projectId, new LogQuery(range, SearchFilters.NONE), EventSql.Without.NOTHING);
    conditions(sql, log);
  }

  /** {@code AND} the conditions of a log query's selector and pipeline, after a {@code WHERE}. */
  static void conditions(SqlBuilder sql, LogExpr log) {
    for (LabelMatcher matcher : log.selector()) {
      append(sql, matcher(matcher));
    }
    for (Stage stage : log.pipeline()) {
      if (stage instanceof LineFilter line) {
        append(sql, line(line));
      } else if (stage instanceof LabelFilter filter) {
        append(sql, predicate(filter.predicate()));
      } else if (!(stage instanceof Parser)) {
        throw new IllegalArgumentException("unknown stage " + stage);
      }
    }
  }

  private static void append(SqlBuilder sql, SqlFragment condition) {
    sql.append(" AND " + condition.sql(), condition.parameters().toArray());
  }

  /** The SQL expression of a label's value, its values bound (label routes of the Loki API). */
  public static SqlQuery labelExpression(String name) {
    SqlFragment value = labelValue(name);
    return new SqlQuery(value.sql(), value.parameters());
  }

  /** The SQL of a label's value; the twin of {@link EventPredicate#labelValue}. */
  static SqlFragment labelValue(String name) {
    return switch (name) {
      case "service" -> SqlFragment.of("service");
      case "stream" -> SqlFragment.of("stream");
      case "level" -> SqlFragment.of("lower(toString(level))");
      // indexOf is 0 for a missing key and [0] reads '': a missing label is "", as in Loki.
      default -> SqlFragment.of("attr_values[indexOf(attr_keys, ?)]", name);
    };
  }

  static SqlFragment matcher(LabelMatcher matcher) {
    SqlFragment label = labelValue(matcher.name());
    boolean regex = matcher.op() == MatchOp.REGEX || matcher.op() == MatchOp.NOT_REGEX;
    if (regex && ANY_LINE.contains(matcher.value())) {
      // =~".+" and =~".*" (Grafana's "any value"): what the anchored RE2 match answers, without
      // running a regular expression over every row: "." matches all but a line break.
      SqlFragment noBreak =
          SqlFragment.format("position(%s, %s) = 0", label, SqlFragment.of("?", "\n"));
      SqlFragment any =
          matcher.value().equals(".*")
              ? noBreak
              : SqlFragment.format("(%s != '' AND %s)", label, noBreak);
      return matcher.op() == MatchOp.REGEX ? any : SqlFragment.format("NOT %s", any);
    }
    return switch (matcher.op()) {
      case EQUAL -> SqlFragment.format("%s = %s", label, SqlFragment.of("?", matcher.value()));
      case NOT_EQUAL -> SqlFragment.format("%s != %s", label, SqlFragment.of("?", matcher.value()));
      case REGEX ->
          SqlFragment.format(
              "match(%s, %s)", label, regex(LabelMatchers.anchored(matcher.value())));
      case NOT_REGEX ->
          SqlFragment.format(
              "NOT match(%s, %s)", label, regex(LabelMatchers.anchored(matcher.value())));
    };
  }

  static SqlFragment line(LineFilter filter) {
    return switch (filter.op()) {
      case CONTAINS -> SqlFragment.of("position(message, ?) > 0", filter.value());
      case NOT_CONTAINS -> SqlFragment.of("position(message, ?) = 0", filter.value());
      case REGEX -> SqlFragment.format("match(message, %s)", regex(filter.value()));
      case NOT_REGEX -> SqlFragment.format("NOT match(message, %s)", regex(filter.value()));
    };
  }

  private static SqlFragment regex(String pattern) {
    return SqlFragment.of("?", "(?-s)" + pattern);
  }

  static SqlFragment predicate(Predicate predicate) {
    if (predicate instanceof And and) {
      return SqlFragment.format("(%s AND %s)", predicate(and.left()), predicate(and.right()));
    }
    if (predicate instanceof Or or) {
      return SqlFragment.format("(%s OR %s)", predicate(or.left()), predicate(or.right()));
    }
    if (predicate instanceof StringCompare compare) {
      return matcher(compare.matcher());
    }
    NumberCompare compare = (NumberCompare) predicate;
    SqlFragment label = labelValue(compare.name());
    SqlFragment bound = SqlFragment.of("toFloat64(?)", Literals.plain(compare.value()));
    String op = " " + compare.op().sql + " ";
    return switch (compare.unit()) {
      case NUMBER ->
          SqlFragment.format(
              "(match(%s, %s) AND toFloat64OrZero(%s)" + op + "%s)",
              label,
              SqlFragment.of("?", Literals.NUMBER_VALUE),
              label,
              bound);
      case DURATION ->
          SqlFragment.format(
              "(match(%s, %s) AND toFloat64OrZero(extract(%s, '^[0-9.]+')) * multiIf(endsWith(%s, 'ns'), 1e-9,"
                  + " endsWith(%s, 'us'), 1e-6, endsWith(%s, 'ms'), 1e-3, endsWith(%s, 's'), 1.,"
                  + " endsWith(%s, 'm'), 60., 3600.)"
                  + op
                  + "%s)",
              label,
              SqlFragment.of("?", Literals.DURATION_VALUE),
              label,
              label,
              label,
              label,
              label,
              label,
              bound);
      case BYTES -> {
        SqlFragment lower = SqlFragment.format("lower(%s)", label);
        yield SqlFragment.format(
            "(match(%s, %s) AND toFloat64OrZero(extract(%s, '^[0-9.]+')) * multiIf(endsWith(%s, 'kib'), 1024.,"
                + " endsWith(%s, 'kb'), 1000., endsWith(%s, 'mib'), 1048576., endsWith(%s, 'mb'), 1000000.,"
                + " endsWith(%s, 'gib'), 1073741824., endsWith(%s, 'gb'), 1000000000.,"
                + " endsWith(%s, 'tib'), 1099511627776., endsWith(%s, 'tb'), 1000000000000., 1.)"
                + op
                + "%s)",
            lower,
            SqlFragment.of("?", Literals.BYTES_VALUE),
            lower,
            lower,
            lower,
            lower,
            lower,
            lower,
            lower,
            lower,
            lower,
            bound);
      }
    };
  }

  private static String columns(int labels, int depth) {
    StringBuilder columns = new StringBuilder();
    for (int i = 0; i < labels; i++) {
      columns.append('g').append(depth).append('_').append(i).append(", ");
    }
    return columns.toString();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  static long epochNanos(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }

  private static Instant instant(long epochNanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
  }
}
