package io.devlogs.query.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.query.clickhouse.ClickHouseReader;
import io.devlogs.query.clickhouse.SqlQuery;
import io.devlogs.query.metrics.ClickHouseWindowTotals;
import io.devlogs.query.metrics.SeriesGroupBy;
import io.devlogs.query.metrics.WindowQuery;
import io.devlogs.query.support.ClickHouseRows;
import io.devlogs.query.support.ShapeRows;
import io.devlogs.testing.CurrentClickHouse;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same rows ({@link ShapeRows}) in the stack's ClickHouse 18.16 and in a current ClickHouse
 * give the same answers, byte for byte, to search pages, facets, histograms and metrics series.
 */
@ExtendWith(LocalStackExtension.class)
class CurrentClickHouseAgreementIT {

  @RegisterExtension static final CurrentClickHouse current = new CurrentClickHouse();

  @Test
  void searchFacetsHistogramAndMetricsAgree(LocalStack stack) throws Exception {
    String project = stack.uniqueName("p_agree");
    ClickHouseRows legacy = new ClickHouseRows(stack.settings());
    ShapeRows.of(project).forEach(legacy::insert);
    ShapeRows.load(current, project);

    Map<String, SqlQuery> statements = new LinkedHashMap<>();
    LogQuery unfiltered = EventSqlCurrentClickHouseTest.UNFILTERED;
    LogQuery filtered = EventSqlCurrentClickHouseTest.EVERY_FILTER;
    statements.put(
        "page",
        EventSql.searchPage(project, new LogSearchRequest(unfiltered, 100, Optional.empty())));
    statements.put(
        "filtered page after a cursor",
        EventSql.searchPage(
            project,
            new LogSearchRequest(
                filtered, 100, Optional.of(new EventPosition(ShapeRows.at("11:15:00.5"), "e06")))));
    statements.put("levels", EventSql.levelCounts(project, unfiltered));
    statements.put("filtered levels", EventSql.levelCounts(project, filtered));
    statements.put("services", EventSql.serviceCounts(project, unfiltered, 10));
    statements.put("histogram", EventSql.histogram(project, unfiltered, 60));
    statements.put("filtered histogram", EventSql.histogram(project, filtered, 3600));
    statements.put(
        "series by service",
        ClickHouseWindowTotals.toSql(
            project,
            new WindowQuery(
                ShapeRows.at("10:00"), 60, 120, SeriesGroupBy.SERVICE, Set.of(), Set.of())));
    statements.put(
        "series by level",
        ClickHouseWindowTotals.toSql(
            project,
            new WindowQuery(
                ShapeRows.at("10:00"), 3600, 2, SeriesGroupBy.LEVEL, Set.of("api"), Set.of())));

    statements.forEach(
        (name, query) -> {
          String sql = ClickHouseReader.boundSql(query);
          boolean unordered = name.startsWith("series");
          String onCurrent = inOrder(current.execute(sql), unordered);
          assertThat(onCurrent).as(name + " selects something").isNotBlank();
          assertThat(inOrder(legacy.query(sql), unordered))
              .as(name + ": " + sql)
              .isEqualTo(onCurrent);
        });
  }

  /** Metrics series come in no particular order; every other statement orders its rows. */
  private static String inOrder(String tsv, boolean unordered) {
    return unordered ? String.join("\n", tsv.lines().sorted().toList()) : tsv.strip();
  }
}
