package io.devlogs.query.logql;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.query.clickhouse.SqlQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricSeriesTest {
  private static final long START =
      Instant.parse("2024-05-01T10:00:00Z").getEpochSecond() * 1_000_000_000L;
  private static final long MINUTE = 60_000_000_000L;

  private static MetricSql sql(List<String> labels) {
    return new MetricSql(new SqlQuery("SELECT 1", List.of()), labels, 0, START, MINUTE, 10);
  }

  @Test
  void rowsOrderedBySeriesBecomeSeriesWithTheirPointTimes() {
    MetricSeries.Collector collector =
        new MetricSeries.Collector(sql(List.of("service", "level")), 10);
    collector.add(List.of("api", "error"), 0, 2);
    collector.add(List.of("api", "error"), 3, 1.5);
    collector.add(List.of("web", ""), 1, 7);
    collector.add(List.of("web", ""), 2, Double.NaN);
    List<MetricSeries> series = collector.series();
    assertThat(series).hasSize(2);
    assertThat(series.get(0).labels()).isEqualTo(Map.of("service", "api", "level", "error"));
    assertThat(series.get(0).points())
        .containsExactly(
            new MetricSeries.Point(Instant.parse("2024-05-01T10:00:00Z"), 2),
            new MetricSeries.Point(Instant.parse("2024-05-01T10:03:00Z"), 1.5));
    assertThat(series.get(1).labels())
        .as("a label without a value is left out")
        .isEqualTo(Map.of("service", "web"));
    assertThat(series.get(1).points())
        .as("a value that is not a number is left out")
        .containsExactly(new MetricSeries.Point(Instant.parse("2024-05-01T10:01:00Z"), 7));
  }

  @Test
  void noRowsNoSeries() {
    assertThat(new MetricSeries.Collector(sql(List.of()), 10).series()).isEmpty();
  }

  @Test
  void aSeriesBeyondTheLimitIsRefusedAsTooLarge() {
    MetricSeries.Collector collector = new MetricSeries.Collector(sql(List.of("service")), 2);
    collector.add(List.of("api"), 0, 1);
    collector.add(List.of("web"), 0, 1);
    collector.add(List.of("web"), 1, 1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> collector.add(List.of("worker"), 0, 1))
        .isInstanceOfSatisfying(
            io.devlogs.http.ApiException.class, e -> assertThat(e.status()).isEqualTo(422))
        .hasMessageContaining("maximum of series (2) reached");
  }

  @Test
  void aStepReadsAsSecondsOrADuration() {
    assertThat(LogqlParameter.stepNanos("step", Optional.of("15"))).contains(15_000_000_000L);
    assertThat(LogqlParameter.stepNanos("step", Optional.of("0.5"))).contains(500_000_000L);
    assertThat(LogqlParameter.stepNanos("step", Optional.of("1m30s"))).contains(90_000_000_000L);
    assertThat(LogqlParameter.stepNanos("step", Optional.empty())).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> LogqlParameter.stepNanos("step", Optional.of("soon")))
        .hasMessageContaining("parameter 'step'");
  }
}
