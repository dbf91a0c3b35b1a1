package io.devlogs.query.status;

import static io.devlogs.query.support.ShapeRows.answer;
import static io.devlogs.query.support.ShapeRows.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.query.support.ShapeRows;
import io.devlogs.testing.CurrentClickHouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The status route's freshness statement ({@link FreshnessSql}) on a current ClickHouse. */
class FreshnessSqlCurrentClickHouseTest {

  @RegisterExtension static final CurrentClickHouse clickhouse = new CurrentClickHouse();

  @BeforeAll
  static void loadRows() throws Exception {
    ShapeRows.load(clickhouse, "p_shapes");
  }

  @Test
  void findsTheNewestEventSinceAnInstant() {
    assertThat(answer(clickhouse, FreshnessSql.newestSince("p_shapes", at("11:00"))))
        .isEqualTo(
            "2\t"
                + at("11:59:59").getEpochSecond()
                + "\t"
                + at("11:59:59.999").plusSeconds(1).toEpochMilli()
                + "\n");
    assertThat(answer(clickhouse, FreshnessSql.newestSince("p_nobody", at("11:00"))))
        .isEqualTo("0\t0\t0\n");
  }
}
