package io.devlogs.query.deadletters;

import static io.devlogs.query.support.ShapeRows.answer;
import static io.devlogs.query.support.ShapeRows.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.query.logs.EventPosition;
import io.devlogs.query.records.TimeRange;
import io.devlogs.query.support.ShapeRows;
import io.devlogs.testing.CurrentClickHouse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dead-letter route's statements ({@link DeadLetterSql}) on a current ClickHouse. */
class DeadLetterSqlCurrentClickHouseTest {

  @RegisterExtension static final CurrentClickHouse clickhouse = new CurrentClickHouse();

  private static final String PROJECT = "p_shapes";
  private static final TimeRange RANGE = new TimeRange(ShapeRows.FROM, ShapeRows.TO);

  @BeforeAll
  static void loadRows() throws Exception {
    ShapeRows.load(clickhouse, PROJECT);
  }

  @Test
  void pagesAreNewestFirstWithTheirCursorAndCauses() {
    DeadLetterQuery all = new DeadLetterQuery(RANGE, List.of());
    assertThat(ids(DeadLetterSql.page(PROJECT, all, 100, Optional.empty())))
        .containsExactly("d3", "d2", "d1");
    assertThat(
            ids(
                DeadLetterSql.page(
                    PROJECT, all, 100, Optional.of(new EventPosition(at("10:05:00.250"), "d2")))))
        .containsExactly("d1");
    DeadLetterQuery unparseable = new DeadLetterQuery(RANGE, List.of("unparseable", "x' OR 1=1"));
    assertThat(ids(DeadLetterSql.page(PROJECT, unparseable, 1, Optional.empty())))
        .containsExactly("d2");
  }

  @Test
  void aPageShowsTheBeginningOfTheValueAndItsLength() {
    String page =
        answer(
            clickhouse,
            DeadLetterSql.page(
                PROJECT, new DeadLetterQuery(RANGE, List.of()), 1, Optional.empty()));
    assertThat(page).contains("{\"ts\":\"2001-01-01\"}\t19\t");
  }

  @Test
  void countsArePerCauseMostFirst() {
    assertThat(
            answer(
                clickhouse, DeadLetterSql.counts(PROJECT, new DeadLetterQuery(RANGE, List.of()))))
        .isEqualTo("unparseable\t2\ntoo_late\t1\n");
  }

  private static List<String> ids(io.devlogs.query.clickhouse.SqlQuery query) {
    // READ_COLUMNS starts with the project; the id follows the receive time in ms.
    return answer(clickhouse, query).lines().map(line -> line.split("\t", -1)[2]).toList();
  }
}
