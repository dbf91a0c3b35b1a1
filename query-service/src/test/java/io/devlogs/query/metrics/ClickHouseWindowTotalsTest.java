package io.devlogs.query.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.records.Level;
import io.devlogs.query.clickhouse.SqlQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClickHouseWindowTotalsTest {
  private static final String HOSTILE = "api') OR 1=1 --";
  private static final Instant FIRST = Instant.parse("2024-05-01T10:00:00Z");

  @Test
  void userValuesAreOnlyBoundParameters() {
    WindowQuery query =
        new WindowQuery(
            FIRST, 3600, 24, SeriesGroupBy.SERVICE, Set.of(HOSTILE, "worker"), Set.of(Level.ERROR));
    SqlQuery sql = ClickHouseWindowTotals.toSql("p_A", query);

    assertThat(sql.sql()).doesNotContain(HOSTILE).doesNotContain("p_A").doesNotContain("worker");
    assertThat(sql.sql())
        .contains("FROM devlogs.event_windows WHERE project = ?")
        .contains("(minute, service, level, version) IN (SELECT minute, service, level,")
        .contains("GROUP BY minute, service, level)")
        .contains("sumMap(")
        .contains("arrayFirst((id, running) -> running >= ceil(0.95 * total_latency_count)");
    assertThat(sql.sql().chars().filter(c -> c == '?').count()).isEqualTo(sql.parameters().size());
    List<Object> filters =
        List.of(
            "p_A",
            FIRST.getEpochSecond(),
            FIRST.plusSeconds(24 * 3600).getEpochSecond(),
            HOSTILE,
            "worker",
            "ERROR");
    List<Object> all = new ArrayList<>(List.of(FIRST.getEpochSecond(), 3600L));
    all.addAll(filters); // the rows read
    all.addAll(filters); // the windows' newest versions
    assertThat(sql.parameters()).isEqualTo(all);
  }

  @Test
  void sqlTextDependsOnlyOnTheShapeOfTheRequest() {
    WindowQuery one = new WindowQuery(FIRST, 60, 5, SeriesGroupBy.LEVEL, Set.of("a"), Set.of());
    WindowQuery other =
        new WindowQuery(FIRST.plusSeconds(600), 60, 9, SeriesGroupBy.LEVEL, Set.of("b"), Set.of());
    assertThat(ClickHouseWindowTotals.toSql("p_A", one).sql())
        .isEqualTo(ClickHouseWindowTotals.toSql("p_B", other).sql())
        .contains("toString(level) AS series_key")
        .doesNotContain("level IN");
  }
}
