package io.devlogs.query.logql;

import static io.devlogs.query.support.ShapeRows.answer;
import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.query.logql.LogqlAst.LogExpr;
import io.devlogs.query.logql.LogqlAst.MetricExpr;
import io.devlogs.query.records.TimeRange;
import io.devlogs.query.support.ShapeRows;
import io.devlogs.testing.CurrentClickHouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LogQL's statements ({@link LogqlSql}) on a current ClickHouse: a log query with the "any value"
 * matcher, and metric queries through both plans (a sum grouped directly with one evaluation per
 * event, and a max over streams whose events fall in several evaluations).
 */
class LogqlSqlCurrentClickHouseTest {

  @RegisterExtension static final CurrentClickHouse clickhouse = new CurrentClickHouse();

  private static final String PROJECT = "p_logql_shapes";
  private static final long HOUR_NANOS = 3_600_000_000_000L;

  @BeforeAll
  static void loadRows() throws Exception {
    ShapeRows.load(clickhouse, PROJECT);
  }

  @Test
  void aLineFilterUnderAnAnyValueSelectorIsCaseSensitiveAndNewestFirst() {
    String rows =
        answer(
            clickhouse,
            LogqlSql.logs(
                PROJECT,
                (LogExpr) LogqlParser.parse("{service=~\".+\"} |= \"timeout\""),
                new TimeRange(ShapeRows.FROM, ShapeRows.TO),
                100,
                LogqlSql.Direction.BACKWARD));
    assertThat(ShapeRows.firstColumn(rows)).containsExactly("e06", "e04");
  }

  @Test
  void aSumOfCountsPerHourGroupsTheEventsByServiceDirectly() {
    assertThat(metric("sum by (service) (count_over_time({service=~\".+\"}[1h]))"))
        .isEqualTo("1\tapi\t3\n2\tapi\t1\n1\tweb\t1\n2\tweb\t1\n1\tworker\t1\n");
  }

  @Test
  void aMaxOverStreamsCountsEachEventInEveryEvaluationItsRangeReaches() {
    assertThat(metric("max by (service) (count_over_time({service=~\".+\"}[2h]))"))
        .isEqualTo("1\tapi\t1\n2\tapi\t1\n1\tweb\t1\n2\tweb\t1\n1\tworker\t1\n2\tworker\t1\n");
  }

  @Test
  void minuteWindowsAnswerBeforeTheNewestWindowAndRawEventsFromItOn() {
    // Windows (deliberately not the events' counts) before 11:15, the project's newest window;
    // e06 and e07 from the raw events after it.
    MetricSql sql =
        MinuteWindowSql.metric(
                PROJECT,
                (MetricExpr)
                    LogqlParser.parse("sum by (service) (count_over_time({service=~\".+\"}[1h]))"),
                ShapeRows.FROM,
                ShapeRows.TO,
                HOUR_NANOS)
            .orElseThrow();
    assertThat(answer(clickhouse, sql.query()))
        .isEqualTo("1\tapi\t15\n2\tapi\t1\n1\tweb\t1\n2\tweb\t1\n");
  }

  @Test
  void aMinuteRateFromWindowsKeepsTheHighestVersionOfEachWindow() {
    MetricSql sql =
        MinuteWindowSql.metric(
                PROJECT,
                (MetricExpr)
                    LogqlParser.parse(
                        "sum without (stream) (rate({service=\"api\", level!=\"info\"}[1m]))"),
                ShapeRows.FROM,
                ShapeRows.at("10:03"),
                60_000_000_000L)
            .orElseThrow();
    assertThat(sql.labels()).containsExactly("service", "level");
    assertThat(answer(clickhouse, sql.query())).isEqualTo("2\tapi\terror\t0.08333333333333333\n");
  }

  /** Evaluated at 10:00, 11:00 and 12:00: rows of k, service, value. */
  private static String metric(String query) {
    MetricSql sql =
        LogqlSql.metric(
            PROJECT,
            (MetricExpr) LogqlParser.parse(query),
            ShapeRows.FROM,
            ShapeRows.TO,
            HOUR_NANOS);
    return answer(clickhouse, sql.query());
  }
}
