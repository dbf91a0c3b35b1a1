package io.devlogs.query.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.query.logs.ClickHouseLogSearch.SqlQuery;
import io.devlogs.query.records.Level;
import io.devlogs.query.records.LogEvent;
import io.devlogs.query.records.TimeRange;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClickHouseLogSearchTest {
  private static final TimeRange RANGE =
      new TimeRange(
          Instant.parse("2024-05-01T10:00:00.250Z"), Instant.parse("2024-05-01T11:00:00Z"));

  private static long placeholders(String sql) {
    return sql.chars().filter(c -> c == '?').count();
  }

  @Test
  void minimalQueryFiltersOnProjectAndRangeOnly() {
    SqlQuery query =
        ClickHouseLogSearch.toSql(
            "p_A", new LogSearchRequest(RANGE, Set.of(), Optional.empty(), Optional.empty(), 100));
    assertThat(query.sql())
        .startsWith("SELECT ")
        .contains("FROM devlogs.events FINAL WHERE project = ?")
        .doesNotContain("level IN", "service =", "positionCaseInsensitiveUTF8")
        .endsWith("ORDER BY ts DESC, ts_nanos DESC, event_id LIMIT ?");
    assertThat(query.parameters())
        .containsExactly(
            "p_A",
            Instant.parse("2024-05-01T10:00:00Z").getEpochSecond(),
            Instant.parse("2024-05-01T11:00:00Z").getEpochSecond(),
            Instant.parse("2024-05-01T10:00:00Z").getEpochSecond() * 1_000_000_000L + 250_000_000L,
            Instant.parse("2024-05-01T11:00:00Z").getEpochSecond() * 1_000_000_000L,
            100);
    assertThat(placeholders(query.sql())).isEqualTo(query.parameters().size());
  }

  @Test
  void userValuesAreBoundNeverSpliced() {
    String hostile = "x') OR 1=1 -- ";
    SqlQuery query =
        ClickHouseLogSearch.toSql(
            "p_A",
            new LogSearchRequest(
                RANGE,
                EnumSet.of(Level.WARN, Level.ERROR),
                Optional.of(hostile),
                Optional.of(hostile),
                5));
    assertThat(query.sql())
        .doesNotContain(hostile)
        .doesNotContain("1=1")
        .contains("AND level IN (?, ?)")
        .contains("AND service = ?")
        .contains("AND positionCaseInsensitiveUTF8(message, ?) > 0");
    assertThat(placeholders(query.sql())).isEqualTo(query.parameters().size());
    assertThat(query.parameters().get(0)).isEqualTo("p_A");
    assertThat(query.parameters()).containsSubsequence("WARN", "ERROR", hostile, hostile, 5);
  }

  @Test
  void rowMappingCombinesSecondsAndNanosAndZipsAttributes() {
    LogEvent event =
        ClickHouseLogSearch.toEvent(
            "e1",
            Instant.parse("2024-05-01T10:00:00Z").getEpochSecond(),
            123_456_789,
            "ERROR",
            "api",
            "run-1",
            "boom",
            new String[] {"http.status", "user", "dangling"},
            new String[] {"500", "alice"});
    assertThat(event.timestamp()).isEqualTo(Instant.parse("2024-05-01T10:00:00.123456789Z"));
    assertThat(event.attributes())
        .containsExactly(
            java.util.Map.entry("http.status", "500"), java.util.Map.entry("user", "alice"));
    assertThat(event.id()).isEqualTo("e1");
    assertThat(event.level()).isEqualTo("ERROR");
    assertThat(event.stream()).isEqualTo("run-1");
  }
}
