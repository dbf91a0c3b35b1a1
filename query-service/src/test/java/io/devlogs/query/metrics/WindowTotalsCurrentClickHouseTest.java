package io.devlogs.query.metrics;

import static io.devlogs.query.support.ShapeRows.answer;
import static io.devlogs.query.support.ShapeRows.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.records.Level;
import io.devlogs.query.support.ShapeRows;
import io.devlogs.testing.CurrentClickHouse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The metrics routes' statement ({@link ClickHouseWindowTotals#toSql}) for a series by service, a
 * filtered series by level and a top, on a current ClickHouse: each window counts once, at its
 * highest version, and latency histograms add up.
 */
class WindowTotalsCurrentClickHouseTest {

  @RegisterExtension static final CurrentClickHouse clickhouse = new CurrentClickHouse();

  private static final String PROJECT = "p_shapes";

  @BeforeAll
  static void loadRows() throws Exception {
    ShapeRows.load(clickhouse, PROJECT);
  }

  @Test
  void aSeriesByServiceSumsEachWindowsNewestVersion() {
    WindowQuery series =
        new WindowQuery(at("10:00"), 60, 5, SeriesGroupBy.SERVICE, Set.of(), Set.of());
    assertThat(rows(series))
        .containsExactly(
            "0\tapi\t10\t0\t10\t0.5\t40.25\t10",
            "1\tapi\t5\t5\t5\t0.5\t40.25\t5",
            "2\tweb\t1\t1\t0\t0\t0\t0");
  }

  @Test
  void aSeriesByLevelKeepsOnlyTheFilteredServicesAndLevels() {
    WindowQuery series =
        new WindowQuery(
            at("10:00"),
            3600,
            2,
            SeriesGroupBy.LEVEL,
            Set.of("api", "x' OR 1=1"),
            Set.of(Level.ERROR, Level.FATAL));
    assertThat(rows(series))
        .containsExactly("0\tERROR\t5\t5\t5\t0.5\t40.25\t5", "1\tFATAL\t1\t1\t1\t0.5\t40.25\t1");
  }

  @Test
  void aTopSumsTheWholeRangePerService() {
    WindowQuery top =
        new WindowQuery(at("10:00"), 7200, 1, SeriesGroupBy.SERVICE, Set.of(), Set.of());
    assertThat(rows(top))
        .containsExactly("0\tapi\t16\t6\t16\t0.5\t40.25\t16", "0\tweb\t1\t1\t0\t0\t0\t0");
  }

  /**
   * Each row's period, key, totals, latency bounds and histogram total, sorted; the percentile
   * buckets that follow are compared with 18.16's by CurrentClickHouseAgreementIT.
   */
  private static List<String> rows(WindowQuery query) {
    return answer(clickhouse, ClickHouseWindowTotals.toSql(PROJECT, query))
        .lines()
        .map(line -> String.join("\t", List.of(line.split("\t", -1)).subList(0, 8)))
        .sorted()
        .toList();
  }
}
