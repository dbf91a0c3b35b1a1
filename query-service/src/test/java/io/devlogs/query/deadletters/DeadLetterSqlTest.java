package io.devlogs.query.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.query.clickhouse.SqlQuery;
import io.devlogs.query.logs.EventPosition;
import io.devlogs.query.records.TimeRange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeadLetterSqlTest {
  private static final TimeRange RANGE =
      new TimeRange(
          Instant.parse("2024-05-01T10:00:00.250Z"), Instant.parse("2024-05-01T11:00:00Z"));
  private static final String HOSTILE = "x') OR 1=1 -- ` \\ FORMAT JSON";

  @Test
  void everyValueIsBoundAndTheProjectAlwaysComesFirst() {
    DeadLetterQuery query = new DeadLetterQuery(RANGE, List.of("unparseable", "too_late"));
    SqlQuery page =
        DeadLetterSql.page(
            "p_A",
            query,
            50,
            Optional.of(new EventPosition(Instant.parse("2024-05-01T10:30:00.123Z"), HOSTILE)));
    assertThat(page.sql())
        .doesNotContain("p_A", HOSTILE, "unparseable")
        .contains(" WHERE project = ? AND received_at >= toDateTime(?)")
        .contains(" AND cause IN (?, ?)")
        .contains("(received_ms < ? OR (received_ms = ? AND dead_letter_id < ?))")
        .endsWith(
            "ORDER BY received_ms DESC, dead_letter_id DESC"
                + " LIMIT 1 BY received_ms, dead_letter_id LIMIT ?");
    assertThat(page.parameters())
        .containsExactly(
            DeadLetter.DISPLAY_CHARS,
            "p_A",
            Instant.parse("2024-05-01T10:00:00Z").getEpochSecond(),
            Instant.parse("2024-05-01T11:00:00Z").getEpochSecond(),
            RANGE.from().toEpochMilli(),
            RANGE.to().toEpochMilli(),
            "unparseable",
            "too_late",
            Instant.parse("2024-05-01T10:30:00Z").getEpochSecond(),
            Instant.parse("2024-05-01T10:30:00.123Z").toEpochMilli(),
            Instant.parse("2024-05-01T10:30:00.123Z").toEpochMilli(),
            HOSTILE,
            50);
  }

  @Test
  void countsGroupByCauseOverTheRange() {
    SqlQuery counts = DeadLetterSql.counts("p_A", new DeadLetterQuery(RANGE, List.of()));
    assertThat(counts.sql())
        .startsWith("SELECT cause, count() AS n FROM devlogs.dead_letters WHERE project = ?")
        .doesNotContain("cause IN")
        .endsWith("GROUP BY cause ORDER BY n DESC, cause LIMIT ?");
    assertThat(counts.parameters()).first().isEqualTo("p_A");
  }
}
