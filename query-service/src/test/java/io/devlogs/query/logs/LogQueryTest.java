package io.devlogs.query.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.flink.records.Level;
import io.devlogs.http.ApiException;
import io.devlogs.query.http.RequestParams;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogQueryTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

  private static LogQuery parse(Map<String, List<String>> params, String... extra) {
    return LogQuery.parse(new RequestParams(params), NOW, extra);
  }

  private static void assertBadParameter(Runnable parse, String name) {
    assertThatThrownBy(parse::run)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).startsWith("parameter '" + name + "'");
            });
  }

  @Test
  void defaultsToTheLastHourWithoutFilters() {
    LogQuery query = parse(Map.of());
    assertThat(query.range().from()).isEqualTo(Instant.parse("2024-05-01T11:00:00Z"));
    assertThat(query.range().to()).isEqualTo(NOW);
    assertThat(query.filters().levels()).isEmpty();
    assertThat(query.filters().terms()).isEmpty();
  }

  @Test
  void readsTheCommonFilters() {
    LogQuery query =
        parse(
            Map.of(
                "level", List.of("error,Warn"),
                "service", List.of("api", "web"),
                "q", List.of("payment \"card declined\""),
                "attr.http.status", List.of("500")));
    assertThat(query.filters().levels()).containsExactlyInAnyOrder(Level.ERROR, Level.WARN);
    assertThat(query.filters().services()).containsExactlyInAnyOrder("api", "web");
    assertThat(query.filters().terms()).containsExactly("payment", "card declined");
    assertThat(query.filters().attributes()).containsEntry("http.status", "500");
  }

  @Test
  void unknownParametersAreRefusedUnlessTheEndpointReadsThem() {
    assertBadParameter(() -> parse(Map.of("levle", List.of("error"))), "levle");
    assertBadParameter(() -> parse(Map.of("project", List.of("p_B"))), "project");
    assertBadParameter(() -> parse(Map.of("limit", List.of("5"))), "limit");
    assertThat(parse(Map.of("limit", List.of("5")), "limit").filters().services()).isEmpty();
  }

  @Test
  void timesOutsideWhatClickHouseStoresAreRefused() {
    assertBadParameter(
        () ->
            parse(
                Map.of(
                    "from", List.of("9999-12-01T00:00:00Z"),
                    "to", List.of("9999-12-02T00:00:00Z"))),
        "from");
    assertBadParameter(
        () ->
            parse(
                Map.of(
                    "from", List.of("1969-12-31T00:00:00Z"),
                    "to", List.of("1970-01-01T01:00:00Z"))),
        "from");
    assertBadParameter(
        () ->
            parse(
                Map.of(
                    "from", List.of("2099-12-31T23:00:00Z"),
                    "to", List.of("2100-01-01T00:00:01Z"))),
        "to");
  }
}
