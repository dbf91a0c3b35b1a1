package io.devlogs.query.loki;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.query.clickhouse.SqlQuery;
import io.devlogs.query.logql.LogqlAst.LogExpr;
import io.devlogs.query.logql.LogqlParser;
import io.devlogs.query.records.TimeRange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every value of a metadata route is a bound parameter; the SQL text depends only on shapes. */
class LokiSqlTest {
  private static final String HOSTILE = "x'); DROP TABLE devlogs.events; --";
  private static final TimeRange RANGE =
      new TimeRange(Instant.parse("2026-12-06T11:00:00Z"), Instant.parse("2026-12-06T12:00:00Z"));

  private static LogExpr selector(String value) {
    return (LogExpr) LogqlParser.parse("{service=\"" + value + "\"}");
  }

  private static void assertBound(SqlQuery query) {
    assertThat(query.sql()).doesNotContain("DROP").doesNotContain("p-1");
    assertThat(query.parameters()).contains("p-1");
    assertThat(query.sql().chars().filter(c -> c == '?').count())
        .isEqualTo(query.parameters().size());
  }

  @Test
  void everyStatementBindsTheProjectTheSelectorAndTheLabel() {
    LogExpr hostile = selector(HOSTILE);
    List<SqlQuery> queries =
        List.of(
            LokiSql.attributeKeys("p-1", RANGE, Optional.of(hostile), 10),
            LokiSql.anyEvent("p-1", RANGE, Optional.of(hostile)),
            LokiSql.labelValues("p-1", HOSTILE, RANGE, Optional.of(hostile), 10),
            LokiSql.series("p-1", RANGE, hostile, 10),
            LokiSql.stats("p-1", RANGE, hostile),
            LokiSql.volume("p-1", RANGE, hostile, List.of("service", HOSTILE), 10),
            LokiSql.detectedFields("p-1", RANGE, hostile, 10));
    for (SqlQuery query : queries) {
      assertBound(query);
      assertThat(query.parameters()).contains(HOSTILE);
    }
  }

  @Test
  void theTextOfAStatementDoesNotDependOnValues() {
    assertThat(LokiSql.labelValues("p-1", "user", RANGE, Optional.of(selector("a")), 10).sql())
        .isEqualTo(
            LokiSql.labelValues("p-2", "other", RANGE, Optional.of(selector("b")), 99).sql());
  }
}
