package io.devlogs.query.logql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.query.clickhouse.SqlQuery;
import io.devlogs.query.logql.LogqlAst.LogExpr;
import io.devlogs.query.logql.LogqlAst.MetricExpr;
import io.devlogs.query.records.TimeRange;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogqlSqlTest {
  private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
  private static final TimeRange RANGE = new TimeRange(FROM, FROM.plusSeconds(3600));

  private static SqlQuery logs(String query) {
    return LogqlSql.logs(
        "project-1", (LogExpr) LogqlParser.parse(query), RANGE, 100, LogqlSql.Direction.BACKWARD);
  }

  private static long placeholders(String sql) {
    return sql.chars().filter(c -> c == '?').count();
  }

  @Test
  void bindsTheProjectFirstAndEveryValueOfTheQuery() {
    SqlQuery sql =
        logs(
            "{service=\"api\", level=\"error\", user.id=~\"4[0-9]+\"} |= \"timeout\" !~ `retry` | status >= 500");
    assertThat(sql.parameters().get(0)).isEqualTo("project-1");
    assertThat(sql.parameters())
        .contains(
            "api",
            "error",
            "user.id",
            "(?-s)^(?:4[0-9]+)$",
            "timeout",
            "(?-s)retry",
            "status",
            "500");
    assertThat(sql.sql())
        .contains("service = ?")
        .contains("lower(toString(level)) = ?")
        .contains("match(attr_values[indexOf(attr_keys, ?)], ?)")
        .contains("position(message, ?) > 0")
        .contains("NOT match(message, ?)")
        .endsWith(
            " ORDER BY ts DESC, ts_nanos DESC, event_id DESC LIMIT 1 BY ts, ts_nanos, event_id LIMIT ?")
        .doesNotContain("api")
        .doesNotContain("timeout")
        .doesNotContain("retry")
        .doesNotContain("500");
    assertThat(placeholders(sql.sql())).isEqualTo(sql.parameters().size());
    assertThat(sql.parameters().get(sql.parameters().size() - 1)).isEqualTo(100);
  }

  @Test
  void forwardOrdersOldestFirst() {
    SqlQuery sql =
        LogqlSql.logs(
            "p",
            (LogExpr) LogqlParser.parse("{service=\"a\"}"),
            RANGE,
            5,
            LogqlSql.Direction.FORWARD);
    assertThat(sql.sql()).contains(" ORDER BY ts, ts_nanos, event_id LIMIT 1 BY");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{service=\"'; DROP TABLE devlogs.events; --\"}",
        "{service=\"a\\\\' OR 1=1 --\"}",
        "{service=\"a\"} |= \"') OR 1=1 --\"",
        "{service=\"a\"} |~ \"x') OR match(message, '\"",
        "{service=\"a\"} | `'); DROP TABLE t; --` = \"x\"",
        "{service=\"a\"} | attr.x = \"?\" or y > 5",
        "{service=\"a\"} | size > 10KB | d >= 1h30m | n != -2.5",
        "{service=\"a\", stream!=\"\\u0000\"}",
      })
  void theSqlTextNeverCarriesAValueOfTheQuery(String query) {
    try {
      SqlQuery sql = logs(query);
      assertThat(placeholders(sql.sql())).isEqualTo(sql.parameters().size());
      assertThat(sql.sql())
          .doesNotContain("DROP")
          .doesNotContain("1=1")
          .doesNotContain("'x'")
          .doesNotContain("10KB")
          .doesNotContain("1h30m")
          .doesNotContain("2.5");
      // The text is the same for every value of the same shape.
      String same = query.replaceAll("\"[^\"]*\"", "\"v\"");
      if (!same.equals(query)) {
        try {
          assertThat(logs(same).sql()).isEqualTo(sql.sql());
        } catch (LogqlSyntaxException ignored) {
          // The replacement may itself be refused (an empty-matching selector): nothing to compare.
        }
      }
    } catch (LogqlSyntaxException refused) {
      assertThat(refused.getMessage()).startsWith("parse error");
    }
  }

  @Test
  void numbersDurationsAndBytesAreBoundAsTextAndGuardedByTheirForm() {
    SqlQuery sql = logs("{service=\"a\"} | n > 1.5 and d <= 250ms or b < 1KiB");
    assertThat(sql.parameters())
        .contains(
            "1.5", Literals.NUMBER_VALUE, Literals.DURATION_VALUE, Literals.BYTES_VALUE, "1024")
        .anySatisfy(p -> assertThat(p.toString()).startsWith("0.25"));
    assertThat(sql.sql())
        .contains("toFloat64OrZero(attr_values[indexOf(attr_keys, ?)]) > toFloat64(?)");
    assertThat(placeholders(sql.sql())).isEqualTo(sql.parameters().size());
  }

  @Test
  void metricQueriesBindProjectRangeStepAndK() {
    MetricExpr expr =
        (MetricExpr)
            LogqlParser.parse("topk(2, sum by (service) (rate({level=\"error\"} |= \"x\" [5m])))");
    MetricSql metric =
        LogqlSql.metric("project-1", expr, FROM, FROM.plusSeconds(3600), 60_000_000_000L);
    SqlQuery sql = metric.query();
    assertThat(metric.labels()).containsExactly("service");
    assertThat(metric.steps()).isEqualTo(61);
    assertThat(sql.parameters()).contains("project-1", "error", "x", 2, "300");
    assertThat(sql.sql())
        .contains("arrayJoin(arrayMap(i -> ")
        .contains("count() / toFloat64(?)")
        .contains("LIMIT ? BY k)")
        .doesNotContain("error")
        .doesNotContain("300");
    assertThat(placeholders(sql.sql())).isEqualTo(sql.parameters().size());
  }

  @Test
  void everyRangeAndVectorFunctionCompiles() {
    String[] queries = {
      "count_over_time({service=\"a\"}[1m])",
      "rate({service=\"a\"}[1m])",
      "bytes_over_time({service=\"a\"}[1m])",
      "bytes_rate({service=\"a\"}[1m])",
      "sum_over_time({service=\"a\"} | unwrap n [1m])",
      "avg_over_time({service=\"a\"} | unwrap n [1m])",
      "max_over_time({service=\"a\"} | unwrap n [1m])",
      "min_over_time({service=\"a\"} | unwrap n [1m])",
      "quantile_over_time(0.9, {service=\"a\"} | unwrap n [1m])",
      "sum(rate({service=\"a\"}[1m]))",
      "avg by (level) (rate({service=\"a\"}[1m]))",
      "min without (stream) (rate({service=\"a\"}[1m]))",
      "max by (user) (rate({service=\"a\"}[1m]))",
      "count(rate({service=\"a\"}[1m]))",
      "bottomk(1, rate({service=\"a\"}[1m]))",
      "sum by (service) (max by (service, level) (count_over_time({service=\"a\"}[1m])))",
    };
    for (String query : queries) {
      MetricSql metric =
          LogqlSql.metric(
              "p",
              (MetricExpr) LogqlParser.parse(query),
              FROM,
              FROM.plusSeconds(600),
              60_000_000_000L);
      assertThat(placeholders(metric.query().sql()))
          .as(query)
          .isEqualTo(metric.query().parameters().size());
      assertThat(metric.query().parameters()).as(query).contains("p");
    }
  }

  @Test
  void anyValueMatchersRunNoRegularExpression() {
    SqlQuery any = logs("{service=~\".+\", stream=~\".*\", level!~\".+\"} |= \"x\"");
    assertThat(any.sql())
        .contains("(service != '' AND position(service, ?) = 0)")
        .contains("position(stream, ?) = 0")
        .contains("NOT (lower(toString(level)) != '' AND position(lower(toString(level)), ?) = 0)")
        .doesNotContain("match(");
    assertThat(any.parameters()).contains("\n");
    assertThat(placeholders(any.sql())).isEqualTo(any.parameters().size());
    assertThat(logs("{service=~\".+x\"}").sql()).contains("match(service, ?)");
  }

  @Test
  void aSumOfAnAdditiveRangeAggregationGroupsTheEventsByItsLabelsDirectly() {
    MetricSql sum = metric("sum by (service) (rate({service=~\".+\"}[1m]))", 60);
    assertThat(sum.labels()).containsExactly("service");
    assertThat(sum.query().sql())
        .as("no series per stream in between")
        .doesNotContain("stream")
        .doesNotContain("level")
        .as("range equal to the step: each event in one evaluation")
        .doesNotContain("arrayJoin");
    assertThat(placeholders(sum.query().sql())).isEqualTo(sum.query().parameters().size());
    assertThat(metric("sum by (service) (rate({service=~\".+\"}[5m]))", 60).query().sql())
        .contains("arrayJoin");
    assertThat(metric("max by (service) (rate({service=~\".+\"}[1m]))", 60).query().sql())
        .as("a max over streams needs the streams")
        .contains("stream");
    assertThat(
            metric("sum by (service) (avg_over_time({a=\"b\"} | unwrap n [1m]))", 60).query().sql())
        .as("averages do not add up across streams")
        .contains("stream");
  }

  private static MetricSql metric(String query, long stepSeconds) {
    return LogqlSql.metric(
        "p",
        (MetricExpr) LogqlParser.parse(query),
        FROM,
        FROM.plusSeconds(3600),
        stepSeconds * 1_000_000_000L);
  }

  @Test
  void refusesMoreStepsThanLoki() {
    MetricExpr expr = (MetricExpr) LogqlParser.parse("rate({service=\"a\"}[1m])");
    assertThatThrownBy(
            () -> LogqlSql.metric("p", expr, FROM, FROM.plusSeconds(86_400), 1_000_000_000L))
        .hasMessageContaining("points per series");
  }
}
