package io.devlogs.query.logs;

import static io.devlogs.query.support.ShapeRows.answer;
import static io.devlogs.query.support.ShapeRows.at;
import static io.devlogs.query.support.ShapeRows.firstColumn;
import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.records.Level;
import io.devlogs.query.filters.SearchFilters;
import io.devlogs.query.records.TimeRange;
import io.devlogs.query.support.ShapeRows;
import io.devlogs.testing.CurrentClickHouse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every statement of the search routes ({@link EventSql}: a page with each filter kind and a
 * cursor, the export, the histogram, both facets, the event lookup), bound as the query service
 * binds them, on a current ClickHouse over {@link ShapeRows}.
 */
class EventSqlCurrentClickHouseTest {

  @RegisterExtension static final CurrentClickHouse clickhouse = new CurrentClickHouse();

  private static final String PROJECT = "p_shapes";
  private static final TimeRange RANGE = new TimeRange(ShapeRows.FROM, ShapeRows.TO);
  static final LogQuery UNFILTERED = new LogQuery(RANGE, SearchFilters.NONE);

  /** Every filter kind at once: levels, services, stream, terms, attributes. */
  static final LogQuery EVERY_FILTER =
      new LogQuery(
          RANGE,
          new SearchFilters(
              Set.of(Level.ERROR, Level.WARN, Level.FATAL),
              Set.of("api", "web"),
              Optional.of("run-1"),
              List.of("timeout", "TIME"),
              Map.of("http.status", "503", "region", "eu")));

  @BeforeAll
  static void loadRows() throws Exception {
    ShapeRows.load(clickhouse, PROJECT);
  }

  @Test
  void aPageIsNewestFirstAndOnlyTheProjects() {
    assertThat(
            ids(
                EventSql.searchPage(
                    PROJECT, new LogSearchRequest(UNFILTERED, 100, Optional.empty()))))
        .containsExactly("e07", "e06", "e05", "e04", "e03", "e02", "e01");
    assertThat(
            ids(
                EventSql.searchPage(
                    PROJECT, new LogSearchRequest(UNFILTERED, 2, Optional.empty()))))
        .containsExactly("e07", "e06");
  }

  @Test
  void everyFilterKindAndTheCursorSelectTheirEvents() {
    assertThat(
            ids(
                EventSql.searchPage(
                    PROJECT, new LogSearchRequest(EVERY_FILTER, 100, Optional.empty()))))
        .containsExactly("e06", "e03", "e02");
    // After e03: e02 has the same nanosecond and a smaller id.
    assertThat(
            ids(
                EventSql.searchPage(
                    PROJECT,
                    new LogSearchRequest(
                        EVERY_FILTER,
                        100,
                        Optional.of(new EventPosition(at("10:01:10.2"), "e03"))))))
        .containsExactly("e02");
  }

  @Test
  void termsMatchCaseInsensitivelyInUtf8() {
    LogQuery unicode =
        new LogQuery(
            RANGE,
            new SearchFilters(Set.of(), Set.of(), Optional.empty(), List.of("ÜNÏ"), Map.of()));
    assertThat(
            ids(EventSql.searchPage(PROJECT, new LogSearchRequest(unicode, 100, Optional.empty()))))
        .containsExactly("e06", "e04");
  }

  @Test
  void hostileValuesAreBoundAsTextAndMatchNothing() {
    String hostile = "x') OR 1=1 -- ` \\ ' FORMAT JSON SETTINGS readonly=0 \t\n\u0000";
    LogQuery query =
        new LogQuery(
            RANGE,
            new SearchFilters(
                Set.of(Level.ERROR),
                Set.of(hostile),
                Optional.of(hostile),
                List.of(hostile),
                Map.of("http.status", hostile)));
    assertThat(
            answer(
                clickhouse,
                EventSql.searchPage(PROJECT, new LogSearchRequest(query, 10, Optional.empty()))))
        .isEmpty();
    assertThat(answer(clickhouse, EventSql.byId(PROJECT, hostile, RANGE))).isEmpty();
  }

  @Test
  void theExportHasEveryMatchNewestFirst() {
    assertThat(ids(EventSql.export(PROJECT, EVERY_FILTER, 1000)))
        .containsExactly("e06", "e03", "e02");
  }

  @Test
  void theHistogramCountsEventsAndErrorsPerBucket() {
    long ten = at("10:00").getEpochSecond();
    long eleven = at("11:00").getEpochSecond();
    assertThat(answer(clickhouse, EventSql.histogram(PROJECT, UNFILTERED, 3600)))
        .isEqualTo(ten + "\t5\t2\n" + eleven + "\t2\t1\n");
    assertThat(firstColumn(answer(clickhouse, EventSql.histogram(PROJECT, EVERY_FILTER, 60))))
        .containsExactly(
            Long.toString(at("10:01").getEpochSecond()),
            Long.toString(at("11:15").getEpochSecond()));
  }

  @Test
  void facetsCountLevelsAndServicesIgnoringTheirOwnFilter() {
    assertThat(answer(clickhouse, EventSql.levelCounts(PROJECT, UNFILTERED)))
        .isEqualTo("INFO\t2\nERROR\t2\nDEBUG\t1\nWARN\t1\nFATAL\t1\n");
    assertThat(answer(clickhouse, EventSql.levelCounts(PROJECT, EVERY_FILTER)))
        .isEqualTo("WARN\t1\nERROR\t1\nFATAL\t1\n");
    assertThat(answer(clickhouse, EventSql.serviceCounts(PROJECT, UNFILTERED, 10)))
        .isEqualTo("api\t4\nweb\t2\nworker\t1\n");
    assertThat(answer(clickhouse, EventSql.serviceCounts(PROJECT, EVERY_FILTER, 10)))
        .isEqualTo("api\t3\n");
  }

  @Test
  void theLookupFindsOneEventOfTheProject() {
    assertThat(ids(EventSql.byId(PROJECT, "e07", RANGE))).containsExactly("e07");
    assertThat(answer(clickhouse, EventSql.byId(PROJECT, "x01", RANGE))).isEmpty();
    assertThat(answer(clickhouse, EventSql.byId(PROJECT, "e07", RANGE)))
        .contains("quote \\' backslash \\\\ tab \\t end", "['user']");
  }

  private static List<String> ids(io.devlogs.query.clickhouse.SqlQuery query) {
    return firstColumn(answer(clickhouse, query));
  }
}
