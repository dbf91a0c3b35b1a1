package io.devlogs.query.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.flink.records.Level;
import io.devlogs.http.ApiException;
import io.devlogs.query.http.RequestParams;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeriesRequestTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:34:56Z");

  private static SeriesRequest parse(String... pairs) {
    Map<String, List<String>> params = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      params.computeIfAbsent(pairs[i], k -> new ArrayList<>()).add(pairs[i + 1]);
    }
    return SeriesRequest.parse(new RequestParams(params), NOW);
  }

  private static Granularity defaultFor(Duration span) {
    return parse("from", NOW.minus(span).toString(), "to", NOW.toString()).granularity();
  }

  @Test
  void defaultGranularityFollowsTheRangeLength() {
    assertThat(defaultFor(Duration.ofMinutes(5))).isEqualTo(Granularity.MINUTE);
    assertThat(defaultFor(Duration.ofHours(6))).isEqualTo(Granularity.MINUTE);
    assertThat(defaultFor(Duration.ofHours(6).plusSeconds(1))).isEqualTo(Granularity.HOUR);
    assertThat(defaultFor(Duration.ofDays(7))).isEqualTo(Granularity.HOUR);
    assertThat(defaultFor(Duration.ofDays(7).plusSeconds(1))).isEqualTo(Granularity.DAY);
    assertThat(defaultFor(Duration.ofDays(400))).isEqualTo(Granularity.DAY);
  }

  @Test
  void defaultsAreTheLastHourPerServiceByMinute() {
    SeriesRequest request = parse();
    assertThat(request.range().to()).isEqualTo(NOW);
    assertThat(request.range().from()).isEqualTo(NOW.minus(Duration.ofHours(1)));
    assertThat(request.groupBy()).isEqualTo(SeriesGroupBy.SERVICE);
    assertThat(request.granularity()).isEqualTo(Granularity.MINUTE);
    // 11:34:56 .. 12:34:56 touches the minutes 11:34 .. 12:34: 61 whole minutes
    assertThat(request.periods().first()).isEqualTo(Instant.parse("2024-05-01T11:34:00Z"));
    assertThat(request.periods().count()).isEqualTo(61);
    assertThat(request.periods().end()).isEqualTo(Instant.parse("2024-05-01T12:35:00Z"));
  }

  @Test
  void periodsAreWholeUtcPeriodsTouchingTheRange() {
    SeriesRequest days =
        parse(
            "from", "2024-05-01T10:00:00+02:00",
            "to", "2024-05-03T00:00:00Z",
            "granularity", "DAY");
    assertThat(days.periods().first()).isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
    assertThat(days.periods().count()).isEqualTo(2);
    SeriesRequest hours =
        parse("from", "2024-05-01T10:30:00Z", "to", "2024-05-01T12:00:01Z", "granularity", "hour");
    assertThat(hours.periods().first()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    assertThat(hours.periods().count()).isEqualTo(3);
  }

  @Test
  void moreThan1500PointsIsRefusedNamingGranularity() {
    Instant from = Instant.parse("2024-05-01T00:00:00Z");
    assertThat(
            parse(
                    "from", from.toString(),
                    "to", from.plus(Duration.ofMinutes(1500)).toString(),
                    "granularity", "minute")
                .periods()
                .count())
        .isEqualTo(1500);
    assertThatThrownBy(
            () ->
                parse(
                    "from", from.toString(),
                    "to", from.plus(Duration.ofMinutes(1501)).toString(),
                    "granularity", "minute"))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("parameter 'granularity'")
        .hasMessageContaining("1501 minute points, more than 1500");
    assertThatThrownBy(() -> parse("from", "2020-01-01T00:00:00Z", "to", "2024-05-01T00:00:00Z"))
        .hasMessageContaining("'from'");
  }

  @Test
  void filtersAndGroupByAreParsedStrictly() {
    SeriesRequest request =
        parse("groupBy", "level", "level", "error,warn", "service", "api", "service", "' OR 1=1");
    assertThat(request.groupBy()).isEqualTo(SeriesGroupBy.LEVEL);
    assertThat(request.levels()).containsExactlyInAnyOrder(Level.ERROR, Level.WARN);
    assertThat(request.services()).isEqualTo(Set.of("api", "' OR 1=1"));

    assertThatThrownBy(() -> parse("groupBy", "stream"))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("parameter 'groupBy'");
    assertThatThrownBy(() -> parse("granularity", "week"))
        .hasMessageContaining("parameter 'granularity'");
    assertThatThrownBy(() -> parse("level", "' OR 1=1 --")).hasMessageContaining("'level'");
    assertThatThrownBy(() -> parse("project", "p_other"))
        .hasMessageContaining("parameter 'project': unknown parameter");
    assertThatThrownBy(() -> parse("q", "boom")).hasMessageContaining("parameter 'q'");
    assertThatThrownBy(() -> parse("to", "yesterday")).hasMessageContaining("parameter 'to'");
  }

  @Test
  void topRequestParsesByAndLimit() {
    Map<String, List<String>> params =
        Map.of(
            "by",
            List.of("errorRate"),
            "limit",
            List.of("5"),
            "from",
            List.of(NOW.minusSeconds(90).toString()));
    TopRequest top = TopRequest.parse(new RequestParams(params), NOW);
    assertThat(top.order()).isEqualTo(TopOrder.ERROR_RATE);
    assertThat(top.limit()).isEqualTo(5);
    assertThat(top.minutes().first()).isEqualTo(Instant.parse("2024-05-01T12:33:00Z"));
    assertThat(top.minutes().count()).isEqualTo(2);
    WindowQuery query = WindowQuery.of(top);
    assertThat(query.periods()).isEqualTo(1);
    assertThat(query.end()).isEqualTo(Instant.parse("2024-05-01T12:35:00Z"));

    assertThat(TopRequest.parse(new RequestParams(Map.of()), NOW).order())
        .isEqualTo(TopOrder.ERRORS);
    assertThatThrownBy(() -> TopRequest.parse(new RequestParams(Map.of("by", List.of("p95"))), NOW))
        .hasMessageContaining("parameter 'by'");
    assertThatThrownBy(
            () -> TopRequest.parse(new RequestParams(Map.of("limit", List.of("101"))), NOW))
        .hasMessageContaining("parameter 'limit'");
    assertThatThrownBy(
            () -> TopRequest.parse(new RequestParams(Map.of("service", List.of("api"))), NOW))
        .hasMessageContaining("parameter 'service': unknown parameter");
  }
}
