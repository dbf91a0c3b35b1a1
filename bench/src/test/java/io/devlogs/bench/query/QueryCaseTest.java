package io.devlogs.bench.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.query.metrics.Granularity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryCaseTest {

  private static final BenchData DATA =
      new BenchData(
          "p_x",
          1000,
          Instant.parse("2026-11-20T05:00:00Z"),
          Instant.parse("2026-11-21T05:00:00Z"),
          List.of("a"));

  @Test
  void searchHoursStayInsideTheDataAndChange() {
    for (int run = 0; run < 60; run++) {
      Instant[] hour = QueryCase.searchHour(DATA, run);
      assertThat(Duration.between(hour[0], hour[1])).isEqualTo(Duration.ofHours(1));
      assertThat(hour[0]).isAfterOrEqualTo(DATA.from());
      assertThat(hour[1]).isBeforeOrEqualTo(DATA.to());
    }
    assertThat(QueryCase.searchHour(DATA, 1)[0]).isNotEqualTo(QueryCase.searchHour(DATA, 0)[0]);
  }

  @Test
  void theMetricsCeilingIsTheRoutesOwnStatementOverWholePeriods() {
    Instant[] day = {Instant.parse("2026-11-20T05:20:00Z"), Instant.parse("2026-11-21T05:20:00Z")};
    String hourly = QueryCase.rollupSql("p_x", day, Granularity.HOUR);
    assertThat(hourly)
        .contains(
            "intDiv(toUInt32(minute) - " + Instant.parse("2026-11-20T05:00:00Z").getEpochSecond())
        .contains("FROM devlogs.event_hours")
        .contains("project = 'p_x'");
    assertThat(QueryCase.rollupSql("p_x", day, Granularity.MINUTE))
        .contains(", 60) AS period_index")
        .doesNotContain("event_hours");
  }

  @Test
  void theSearchAndHistogramCeilingsAreTheRoutesOwnStatements() {
    Instant[] hour = QueryCase.searchHour(DATA, 0);
    assertThat(QueryCase.searchSql("p_x", hour, "timeout"))
        .contains("FROM devlogs.events")
        .contains("project = 'p_x'")
        .contains("'timeout'")
        .endsWith("LIMIT 100");
    assertThat(QueryCase.searchSql("p_x", hour, "")).doesNotContain("positionCaseInsensitive");
    // 60 buckets over a day: the route's step is 30 minutes.
    assertThat(QueryCase.histogramSql("p_x", QueryCase.lastDay(DATA, 0)))
        .contains("intDiv(toUInt32(ts), 1800) * 1800 AS bucket")
        .contains("project = 'p_x'");
  }

  @Test
  void rareTermsVaryAndSqlEscapesTheTerm() {
    assertThat(QueryCase.rareTerm(0)).startsWith("u_");
    assertThat(QueryCase.rareTerm(1)).startsWith("SKU-");
    assertThat(QueryCase.rareTerm(2)).isNotEqualTo(QueryCase.rareTerm(0));
    assertThat(QueryCase.searchSql("p_x", QueryCase.searchHour(DATA, 0), "it's"))
        .contains("positionCaseInsensitiveUTF8(message, 'it\\'s') > 0")
        .contains("project = 'p_x'");
  }

  @Test
  void tabSeparatedFieldsAreUnescaped() {
    assertThat(BenchStores.unescapeTabSeparated("a\\tb\\\\c\\nd")).isEqualTo("a\tb\\c\nd");
  }
}
