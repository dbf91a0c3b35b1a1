package io.devlogs.query.logql;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.query.logql.LogqlAst.MetricExpr;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which metric queries the minute windows answer, and the labels of their series. */
class MinuteWindowSqlTest {
  private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
  private static final long MINUTE = 60_000_000_000L;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sum by (service) (rate({service=~\".+\"}[1m]))",
        "sum by (level) (count_over_time({service=\"api\", level!=\"debug\"}[5m]))",
        "sum(rate({level=~\"error|fatal\"}[1h]))",
        "sum without (stream) (count_over_time({service!=\"web\", level=~\".+\"}[1m]))",
        "sum by (service, level) (rate({service=~\"a.*\"}[2m]))"
      })
  void sumsOfCountsOverServiceAndLevelAreAnsweredFromWindows(String query) {
    assertThat(plan(query, START, MINUTE)).isEqualTo(MinuteWindowSql.MINUTE_WINDOWS);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // a label or a stage the windows do not hold
        "sum by (service) (rate({service=~\".+\"} |= \"timeout\" [1m]))",
        "sum by (service) (rate({service=\"api\", stream=\"run-1\"}[1m]))",
        "sum by (service) (rate({service=\"api\"} | json [1m]))",
        "sum by (stream) (rate({service=\"api\"}[1m]))",
        "sum without (level) (rate({service=\"api\"}[1m]))",
        // not a sum of counts
        "rate({service=\"api\"}[1m])",
        "count by (service) (rate({service=\"api\"}[1m]))",
        "max by (service) (count_over_time({service=\"api\"}[1m]))",
        "sum by (service) (bytes_rate({service=\"api\"}[1m]))",
        // not whole minutes
        "sum by (service) (rate({service=\"api\"}[90s]))"
      })
  void everythingElseTakesTheRawPlan(String query) {
    assertThat(plan(query, START, MINUTE)).isEqualTo(MinuteWindowSql.RAW_EVENTS);
  }

  @Test
  void aStepOrAStartOffWholeMinutesTakesTheRawPlan() {
    String query = "sum by (service) (rate({service=\"api\"}[1m]))";
    assertThat(plan(query, START, 30_000_000_000L)).isEqualTo(MinuteWindowSql.RAW_EVENTS);
    assertThat(plan(query, START.plusSeconds(1), MINUTE)).isEqualTo(MinuteWindowSql.RAW_EVENTS);
    assertThat(plan(query, START.plusSeconds(120), 2 * MINUTE))
        .isEqualTo(MinuteWindowSql.MINUTE_WINDOWS);
  }

  @Test
  void theSeriesKeepTheLabelsOfTheSum() {
    MetricExpr sum = (MetricExpr) LogqlParser.parse("sum by (level) (rate({service=\"a\"}[1m]))");
    assertThat(MinuteWindowSql.metric("p", sum, START, START.plusSeconds(600), MINUTE))
        .hasValueSatisfying(sql -> assertThat(sql.labels()).containsExactly("level"));
    MetricExpr without =
        (MetricExpr) LogqlParser.parse("sum without (stream, service) (rate({service=\"a\"}[1m]))");
    assertThat(MinuteWindowSql.metric("p", without, START, START.plusSeconds(600), MINUTE))
        .hasValueSatisfying(sql -> assertThat(sql.labels()).containsExactly("level"));
  }

  @Test
  void everyValueIsBound() {
    MetricExpr sum =
        (MetricExpr) LogqlParser.parse("sum by (service) (rate({service=\"x' OR 1=1\"}[1m]))");
    MetricSql sql =
        MinuteWindowSql.metric("p_x", sum, START, START.plusSeconds(600), MINUTE).orElseThrow();
    assertThat(sql.query().sql()).doesNotContain("OR 1=1").doesNotContain("p_x");
    assertThat(sql.query().parameters()).contains("x' OR 1=1", "p_x");
  }

  private static String plan(String query, Instant start, long step) {
    return MinuteWindowSql.plan((MetricExpr) LogqlParser.parse(query), start, step);
  }
}
