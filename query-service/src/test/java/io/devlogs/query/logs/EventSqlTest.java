package io.devlogs.query.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.records.Level;
import io.devlogs.query.clickhouse.SqlQuery;
import io.devlogs.query.filters.SearchFilters;
import io.devlogs.query.records.TimeRange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EventSqlTest {
  private static final TimeRange RANGE =
      new TimeRange(
          Instant.parse("2024-05-01T10:00:00.250Z"), Instant.parse("2024-05-01T11:00:00Z"));
  private static final long FROM_SECONDS = Instant.parse("2024-05-01T10:00:00Z").getEpochSecond();
  private static final long TO_SECONDS = Instant.parse("2024-05-01T11:00:00Z").getEpochSecond();
  private static final String HOSTILE = "x') OR 1=1 -- ` \\ FORMAT JSON SETTINGS readonly=0";

  private static LogQuery query(String value) {
    return new LogQuery(
        RANGE,
        new SearchFilters(
            Set.of(Level.WARN, Level.ERROR),
            Set.of(value, "api"),
            Optional.of(value),
            List.of(value, "other-term"),
            Map.of("http.status", value, "user", "alice")));
  }

  private static final LogQuery UNFILTERED = new LogQuery(RANGE, SearchFilters.NONE);

  /** Every statement, built for one filter value. */
  private static final List<Function<String, SqlQuery>> STATEMENTS =
      List.of(
          v -> EventSql.searchPage("p_A", new LogSearchRequest(query(v), 100, Optional.empty())),
          v ->
              EventSql.searchPage(
                  "p_A",
                  new LogSearchRequest(
                      query(v),
                      100,
                      Optional.of(new EventPosition(Instant.parse("2024-05-01T10:30:00Z"), v)))),
          v -> EventSql.export("p_A", query(v), 100_000),
          v -> EventSql.histogram("p_A", query(v), 60),
          v -> EventSql.levelCounts("p_A", query(v)),
          v -> EventSql.serviceCounts("p_A", query(v), 50),
          v -> EventSql.byId("p_A", v, RANGE),
          v -> EventSql.fieldTotals("p_A", query(v), 10_000, "^[0-9]+$", 200),
          v -> EventSql.fieldValues("p_A", query(v), 10_000, 10));

  private static long placeholders(String sql) {
    return sql.chars().filter(c -> c == '?').count();
  }

  @Test
  void userValuesAreBoundNeverSpliced() {
    for (Function<String, SqlQuery> statement : STATEMENTS) {
      SqlQuery query = statement.apply(HOSTILE);
      assertThat(query.sql()).doesNotContain("1=1", "FORMAT", "SETTINGS", "alice", "other-term");
      assertThat(placeholders(query.sql())).isEqualTo(query.parameters().size());
      assertThat(query.parameters()).contains(HOSTILE);
    }
  }

  @Test
  void sqlTextDependsOnlyOnWhichFiltersArePresentNotOnTheirValues() {
    for (Function<String, SqlQuery> statement : STATEMENTS) {
      SqlQuery one = statement.apply("plain");
      SqlQuery other = statement.apply(HOSTILE);
      assertThat(other.sql()).isEqualTo(one.sql());
      assertThat(other.parameters()).isNotEqualTo(one.parameters());
    }
  }

  @Test
  void theProjectIsTheFirstParameterOfEveryStatement() {
    for (Function<String, SqlQuery> statement : STATEMENTS) {
      SqlQuery query = statement.apply("v");
      assertThat(query.sql()).contains(" WHERE project = ? AND ");
      assertThat(query.parameters().get(placeholdersBefore(query.sql(), " WHERE project = ?")))
          .isEqualTo("p_A");
    }
  }

  @Test
  void unfilteredSearchReadsTheRangeNewestFirstCollapsingDuplicates() {
    SqlQuery query =
        EventSql.searchPage("p_A", new LogSearchRequest(UNFILTERED, 100, Optional.empty()));
    assertThat(query.sql())
        .startsWith("SELECT event_id, toUInt32(ts) AS ts_seconds")
        .contains("FROM devlogs.events WHERE project = ?")
        .doesNotContain("FINAL", "level IN", "service IN", "stream =", "position", "has(")
        .endsWith(
            " ORDER BY ts DESC, ts_nanos DESC, event_id DESC"
                + " LIMIT 1 BY ts, ts_nanos, event_id LIMIT ?");
    assertThat(query.parameters())
        .containsExactly(
            "p_A",
            FROM_SECONDS,
            TO_SECONDS,
            FROM_SECONDS * 1_000_000_000L + 250_000_000L,
            TO_SECONDS * 1_000_000_000L,
            100);
  }

  @Test
  void everyFilterBecomesItsCondition() {
    SqlQuery query =
        EventSql.searchPage("p_A", new LogSearchRequest(query("v"), 10, Optional.empty()));
    assertThat(query.sql())
        .contains(" AND level IN (?, ?)")
        .contains(" AND service IN (?, ?)")
        .contains(" AND stream = ?")
        .contains(
            " AND positionCaseInsensitiveUTF8(message, ?) > 0"
                + " AND positionCaseInsensitiveUTF8(message, ?) > 0")
        .contains(
            " AND has(attr_keys, ?) AND attr_values[indexOf(attr_keys, ?)] = ?"
                + " AND has(attr_keys, ?) AND attr_values[indexOf(attr_keys, ?)] = ?");
    assertThat(query.parameters())
        .containsSubsequence(
            "WARN",
            "ERROR",
            "api",
            "v",
            "v",
            "v",
            "other-term",
            "http.status",
            "http.status",
            "v",
            "user",
            "user",
            "alice",
            10);
  }

  @Test
  void aLaterPageStartsStrictlyAfterThePreviousPagesLastEvent() {
    Instant last = Instant.parse("2024-05-01T10:30:00.000000007Z");
    SqlQuery query =
        EventSql.searchPage(
            "p_A",
            new LogSearchRequest(UNFILTERED, 100, Optional.of(new EventPosition(last, "evt-9"))));
    long nanos = last.getEpochSecond() * 1_000_000_000L + 7;
    assertThat(query.sql())
        .contains(
            " AND ts <= toDateTime(?) AND (toUInt64(ts) * 1000000000 + ts_nanos < ?"
                + " OR (toUInt64(ts) * 1000000000 + ts_nanos = ? AND event_id < ?))");
    assertThat(query.parameters())
        .containsSubsequence(last.getEpochSecond(), nanos, nanos, "evt-9", 100);
  }

  @Test
  void facetsLeaveOutTheirOwnDimensionOnly() {
    SqlQuery levels = EventSql.levelCounts("p_A", query("v"));
    assertThat(levels.sql())
        .doesNotContain("level IN")
        .contains("service IN (?, ?)")
        .contains("GROUP BY value");
    SqlQuery services = EventSql.serviceCounts("p_A", query("v"), 50);
    assertThat(services.sql())
        .doesNotContain("service IN")
        .contains("level IN (?, ?)")
        .endsWith("ORDER BY n DESC, value LIMIT ?");
    assertThat(services.parameters().get(services.parameters().size() - 1)).isEqualTo(50);
  }

  @Test
  void histogramBucketsAlignToTheEpoch() {
    SqlQuery query = EventSql.histogram("p_A", UNFILTERED, 300);
    assertThat(query.sql())
        .startsWith("SELECT intDiv(toUInt32(ts), ?) * ? AS bucket, count() AS events,")
        .contains("countIf(level IN ('ERROR', 'FATAL')) AS errors")
        .endsWith("GROUP BY bucket ORDER BY bucket");
    assertThat(query.parameters()).startsWith(300L, 300L, "p_A");
  }

  private static int placeholdersBefore(String sql, String marker) {
    return (int) placeholders(sql.substring(0, sql.indexOf(marker)));
  }

  @Test
  void aLogqlQueryAddsItsConditionsWithEveryValueBound() {
    String logql =
        "{service=\"x') OR 1=1 --\"} |= \"FORMAT JSON\" | user=~\"al.*\" | duration_ms > 500";
    SearchFilters filters =
        new SearchFilters(
            Set.of(),
            Set.of(),
            Optional.empty(),
            List.of(),
            Map.of(),
            Optional.empty(),
            Optional.of(io.devlogs.query.logql.LogqlFilter.parse("q", logql)));
    for (SqlQuery query :
        List.of(
            EventSql.searchPage(
                "p_A", new LogSearchRequest(new LogQuery(RANGE, filters), 10, Optional.empty())),
            EventSql.histogram("p_A", new LogQuery(RANGE, filters), 60),
            EventSql.fieldValues("p_A", new LogQuery(RANGE, filters), 10_000, 10))) {
      assertThat(query.sql())
          .doesNotContain("1=1", "FORMAT JSON", "al.*", "500")
          .contains(" AND service = ?", " AND position(message, ?) > 0", " AND match(");
      assertThat(placeholders(query.sql())).isEqualTo(query.parameters().size());
      assertThat(query.parameters()).contains("x') OR 1=1 --", "FORMAT JSON", "(?-s)^(?:al.*)$");
    }
  }
}
