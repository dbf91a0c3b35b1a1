package io.devlogs.query.metrics;

import static io.devlogs.query.support.ShapeRows.answer;
import static io.devlogs.query.support.ShapeRows.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.records.Level;
import io.devlogs.query.support.ShapeRows;
import io.devlogs.testing.CurrentClickHouse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The metrics routes' statement ({@link ClickHouseWindowTotals#toSql}) for a series by service, a
 * filtered series by level and a top, on a current ClickHouse: each window counts once, at its
 * highest version, latency histograms add up, and whole hours with an hour row are read from it.
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

  @Test
  void wholeHoursAreTheirHourRowsNewestVersionAndEveryOtherMinuteItsMinuteRow() throws Exception {
    String project = "p_hours";
    ShapeRows.load(clickhouse, project);
    // The hour row says 1,000 events where its minute row says 10: the answer shows which table
    // answered. api's ERROR minutes of that hour have no hour row, so they come from minutes.
    clickhouse.execute(
        "INSERT INTO devlogs.event_hours FORMAT JSONEachRow\n"
            + ShapeRows.jsonEachRow(
                List.of(
                    hourRow(project, 500, 1),
                    hourRow(project, 1_000, 3),
                    hourRow(project, 700, 2))));
    WindowQuery hours =
        new WindowQuery(at("10:00"), 3600, 12, SeriesGroupBy.SERVICE, Set.of(), Set.of());
    assertThat(rows(project, hours))
        .containsExactly(
            "0\tapi\t1005\t5\t1005\t0.5\t40.25\t1005",
            "0\tweb\t1\t1\t0\t0\t0\t0",
            "1\tapi\t1\t1\t1\t0.5\t40.25\t1");
    WindowQuery minutes =
        new WindowQuery(at("10:00"), 60, 5, SeriesGroupBy.SERVICE, Set.of(), Set.of());
    assertThat(rows(project, minutes)).isEqualTo(rows(minutes));
  }

  private static Map<String, Object> hourRow(String project, long events, long version) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("project", project);
    row.put("service", "api");
    row.put("level", "INFO");
    row.put("hour", "2024-05-01 10:00:00");
    row.put("events", events);
    row.put("bytes", events * 100);
    row.put("errors", 0);
    row.put("latency_count", events);
    row.put("latency_sum", events * 2.5);
    row.put("latency_min", 0.5);
    row.put("latency_max", 40.25);
    row.put("latency_p50", 2.5);
    row.put("latency_p95", 30.0);
    row.put("latency_p99", 40.25);
    row.put("latency_bucket_ids", new int[] {530});
    row.put("latency_bucket_counts", new long[] {events});
    row.put("version", version);
    row.put("sink_batch", "hours");
    return row;
  }

  /**
   * Each row's period, key, totals, latency bounds and histogram total, sorted; the percentile
   * buckets that follow are compared with 18.16's by CurrentClickHouseAgreementIT.
   */
  private static List<String> rows(WindowQuery query) {
    return rows(PROJECT, query);
  }

  private static List<String> rows(String project, WindowQuery query) {
    return answer(clickhouse, ClickHouseWindowTotals.toSql(project, query))
        .lines()
        .map(line -> String.join("\t", List.of(line.split("\t", -1)).subList(0, 8)))
        .sorted()
        .toList();
  }
}
