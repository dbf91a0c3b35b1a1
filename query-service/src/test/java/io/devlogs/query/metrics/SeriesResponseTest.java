package io.devlogs.query.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.devlogs.flink.records.Level;
import io.devlogs.http.ApiException;
import io.devlogs.latency.LatencyBuckets;
import io.devlogs.query.records.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeriesResponseTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  private static SeriesRequest request(
      Granularity granularity, int periods, SeriesGroupBy groupBy, Set<String> services) {
    TimeRange range = new TimeRange(T0, T0.plusSeconds(granularity.seconds() * periods));
    return new SeriesRequest(
        range, Periods.covering(range, granularity), groupBy, services, Set.<Level>of());
  }

  private static PeriodTotals row(String key, int period, long events, long errors) {
    return new PeriodTotals(
        key, T0.plusSeconds(3600L * period), events, errors, SummedLatency.EMPTY);
  }

  @Test
  void everySeriesCoversEveryPeriodWithZerosWhereNothingHappened() {
    // Nine durations of 10 ms and one of 200 ms: ClickHouse finds p50's rank (5) in the bucket of
    // 10 ms; p95's and p99's rank (10) is the count, so they are the maximum.
    int fast = LatencyBuckets.bucketOf(10);
    int slowBucket = LatencyBuckets.bucketOf(200);
    SummedLatency latency =
        new SummedLatency(10, 10, 200, 10, new int[] {fast, slowBucket, slowBucket});
    List<PeriodTotals> rows =
        List.of(
            new PeriodTotals("worker", T0.plusSeconds(7200), 10, 1, latency),
            row("api", 0, 4, 1),
            row("api", 3, 2, 0));
    SeriesResponse response =
        SeriesResponse.of(
            request(Granularity.HOUR, 4, SeriesGroupBy.SERVICE, Set.of("billing")), rows);

    assertThat(response.granularity()).isEqualTo("hour");
    assertThat(response.series())
        .extracting(SeriesResponse.Series::key)
        .as("found keys plus the requested service, by name")
        .containsExactly("api", "billing", "worker");
    for (SeriesResponse.Series series : response.series()) {
      assertThat(series.points())
          .extracting(SeriesResponse.Point::start)
          .containsExactly(T0, T0.plusSeconds(3600), T0.plusSeconds(7200), T0.plusSeconds(10800));
    }
    SeriesResponse.Series api = response.series().get(0);
    assertThat(api.points())
        .extracting(SeriesResponse.Point::events)
        .containsExactly(4L, 0L, 0L, 2L);
    assertThat(api.points().get(0).errorRate()).isEqualTo(0.25);
    assertThat(api.points().get(1).errorRate()).isZero();
    assertThat(api.points().get(1).p50()).isNull();
    assertThat(response.series().get(1).points()).allSatisfy(p -> assertThat(p.events()).isZero());
    SeriesResponse.Point slow = response.series().get(2).points().get(2);
    assertThat(slow.errorRate()).isEqualTo(0.1);
    assertThat(slow.p50()).isCloseTo(10, within(0.1));
    assertThat(slow.p99()).isEqualTo(200);
  }

  @Test
  void levelSeriesSortBySeverityAndIncludeRequestedLevels() {
    TimeRange range = new TimeRange(T0, T0.plusSeconds(60));
    SeriesRequest request =
        new SeriesRequest(
            range,
            Periods.covering(range, Granularity.MINUTE),
            SeriesGroupBy.LEVEL,
            Set.of(),
            Set.of(Level.FATAL, Level.INFO));
    SeriesResponse response =
        SeriesResponse.of(
            request,
            List.of(
                new PeriodTotals("INFO", T0, 3, 0, SummedLatency.EMPTY),
                new PeriodTotals("ERROR", T0, 1, 1, SummedLatency.EMPTY)));
    assertThat(response.series())
        .extracting(SeriesResponse.Series::key)
        .containsExactly("INFO", "ERROR", "FATAL");
  }

  @Test
  void tooManyPointsInAllIsQueryTooLarge() {
    List<PeriodTotals> rows = new ArrayList<>();
    for (int i = 0; i < 201; i++) {
      rows.add(row("service-" + i, 0, 1, 0));
    }
    assertThatThrownBy(
            () ->
                SeriesResponse.of(
                    request(Granularity.HOUR, 1500, SeriesGroupBy.SERVICE, Set.of()), rows))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(422);
              assertThat(e.error()).isEqualTo("query_too_large");
            })
        .hasMessageContaining("filter services");
  }

  @Test
  void topRanksByTheChosenCountThenTheOthersThenName() {
    List<PeriodTotals> totals =
        List.of(
            row("a", 0, 100, 5),
            row("b", 0, 10, 5),
            row("c", 0, 1000, 1),
            row("d", 0, 10, 5),
            row("e", 0, 2, 2));
    TimeRange range = new TimeRange(T0, T0.plusSeconds(3600));
    Periods minutes = Periods.covering(range, Granularity.MINUTE);
    assertThat(
            TopResponse.of(new TopRequest(range, minutes, TopOrder.ERRORS, 3), totals).services())
        .extracting(TopResponse.ServiceRank::service)
        .containsExactly("a", "b", "d");
    assertThat(
            TopResponse.of(new TopRequest(range, minutes, TopOrder.EVENTS, 2), totals).services())
        .extracting(TopResponse.ServiceRank::service)
        .containsExactly("c", "a");
    List<TopResponse.ServiceRank> byRate =
        TopResponse.of(new TopRequest(range, minutes, TopOrder.ERROR_RATE, 10), totals).services();
    assertThat(byRate)
        .extracting(TopResponse.ServiceRank::service)
        .containsExactly("e", "b", "d", "a", "c");
    assertThat(byRate.get(0).errorRate()).isEqualTo(1.0);
    assertThat(byRate.get(0).p95()).isNull();
  }
}
