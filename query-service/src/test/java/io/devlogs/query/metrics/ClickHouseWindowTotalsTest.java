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

  /**
   * The statement of project p_A for services {@link #HOSTILE} and worker and level ERROR, checked
   * to hold each of those values only as a bound parameter.
   */
  private static SqlQuery boundOnly(long stepSeconds, long periods) {
    WindowQuery query =
        new WindowQuery(
            FIRST,
            stepSeconds,
            periods,
            SeriesGroupBy.SERVICE,
            Set.of(HOSTILE, "worker"),
            Set.of(Level.ERROR));
    SqlQuery sql = ClickHouseWindowTotals.toSql("p_A", query);
    assertThat(sql.sql()).doesNotContain(HOSTILE).doesNotContain("p_A").doesNotContain("worker");
    assertThat(sql.sql().chars().filter(c -> c == '?').count()).isEqualTo(sql.parameters().size());
    return sql;
  }

  @Test
  void userValuesAreOnlyBoundParameters() {
    SqlQuery sql = boundOnly(600, 3);
    assertThat(sql.sql())
        .contains("FROM devlogs.event_windows WHERE project = ?")
        .contains("(minute, service, level, version) IN (SELECT minute, service, level,")
        .contains("GROUP BY minute, service, level)")
        .contains("sumMap(")
        .contains("arrayFirst((id, running) -> running >= ceil(0.95 * total_latency_count)")
        .doesNotContain("event_hours");
    List<Object> minutes = filters(FIRST, FIRST.plusSeconds(1800));
    List<Object> all = new ArrayList<>(List.of(FIRST.getEpochSecond(), 600L));
    all.addAll(minutes); // the rows read
    all.addAll(minutes); // the windows' newest versions
    assertThat(sql.parameters()).isEqualTo(all);
  }

  @Test
  void wholeHoursAreReadFromTheRollupAndOtherMinutesFromTheMinuteRows() {
    SqlQuery sql = boundOnly(3600, 24);
    assertThat(sql.sql())
        .contains("FROM (SELECT hour AS minute, ")
        .contains("(hour, service, level, version) IN (SELECT hour, service, level, max(version)")
        .contains(" UNION ALL SELECT minute, ")
        .contains("(toStartOfHour(minute), service, level) NOT IN (SELECT hour, service, level");
    // Here the whole range is whole hours: both tables are filtered on the same range.
    List<Object> day = filters(FIRST, FIRST.plusSeconds(24 * 3600));
    List<Object> all = new ArrayList<>(List.of(FIRST.getEpochSecond(), 3600L));
    all.addAll(day); // the hour rows read
    all.addAll(day); // their newest versions
    all.addAll(day); // the minute rows read
    all.addAll(day); // their newest versions ...
    all.addAll(day); // ... in hours without a row
    assertThat(sql.parameters()).isEqualTo(all);
  }

  @Test
  void hoursAreReadOnlyWhereNoPeriodBoundaryCutsThem() {
    Instant unaligned = FIRST.plusSeconds(25 * 60);
    assertThat(hours(FIRST, 3600, 24)).contains(hoursOf(FIRST, FIRST.plusSeconds(24 * 3600)));
    assertThat(hours(FIRST, 86_400, 2)).contains(hoursOf(FIRST, FIRST.plusSeconds(48 * 3600)));
    // One period (the top services): the whole hours inside it, whatever its edges.
    assertThat(hours(unaligned, 13 * 3600, 1))
        .contains(hoursOf(FIRST.plusSeconds(3600), FIRST.plusSeconds(13 * 3600)));
    // Too few whole hours to be worth their subqueries.
    assertThat(hours(FIRST, 3600, ClickHouseWindowTotals.Hours.MIN_HOURS)).isPresent();
    assertThat(hours(FIRST, 3600, ClickHouseWindowTotals.Hours.MIN_HOURS - 1)).isEmpty();
    assertThat(hours(unaligned, 12 * 3600, 1)).isEmpty();
    // Periods of minutes, or of hours that do not start on an hour: minute rows only.
    assertThat(hours(FIRST, 60, 24 * 60)).isEmpty();
    assertThat(hours(FIRST, 1800, 48)).isEmpty();
    assertThat(hours(unaligned, 3600, 24)).isEmpty();
    // No whole hour inside.
    assertThat(hours(unaligned, 3600, 1)).isEmpty();
  }

  private static java.util.Optional<ClickHouseWindowTotals.Hours> hours(
      Instant first, long step, long periods) {
    return ClickHouseWindowTotals.Hours.within(
        new WindowQuery(first, step, periods, SeriesGroupBy.SERVICE, Set.of(), Set.of()));
  }

  private static ClickHouseWindowTotals.Hours hoursOf(Instant first, Instant end) {
    return new ClickHouseWindowTotals.Hours(first.getEpochSecond(), end.getEpochSecond());
  }

  /** The bound values of one table's WHERE: project, range, services, level. */
  private static List<Object> filters(Instant from, Instant to) {
    return List.of("p_A", from.getEpochSecond(), to.getEpochSecond(), HOSTILE, "worker", "ERROR");
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
