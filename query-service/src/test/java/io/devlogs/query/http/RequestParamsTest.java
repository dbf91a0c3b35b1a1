package io.devlogs.query.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.http.ApiException;
import io.devlogs.query.records.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestParamsTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

  private static RequestParams params(Map<String, List<String>> map) {
    return new RequestParams(map);
  }

  private static TimeRange range(Map<String, List<String>> map) {
    return params(map).timeRange(NOW, Duration.ofHours(1), Duration.ofDays(31));
  }

  @Test
  void rangeDefaultsToTheLastSpanBeforeNow() {
    TimeRange range = range(Map.of());
    assertThat(range.from()).isEqualTo(Instant.parse("2024-05-01T11:00:00Z"));
    assertThat(range.to()).isEqualTo(NOW);
  }

  @Test
  void onlyToGivenMeansTheSpanBeforeIt() {
    TimeRange range = range(Map.of("to", List.of("2024-04-01T00:00:00Z")));
    assertThat(range.from()).isEqualTo(Instant.parse("2024-03-31T23:00:00Z"));
  }

  @Test
  void parsesOffsetsAndNanosAndAnUnencodedPlus() {
    TimeRange range =
        range(
            Map.of(
                "from", List.of("2024-05-01T10:00:00.123456789+02:00"),
                "to", List.of("2024-05-01T10:30:00 02:00")));
    assertThat(range.from()).isEqualTo(Instant.parse("2024-05-01T08:00:00.123456789Z"));
    assertThat(range.to()).isEqualTo(Instant.parse("2024-05-01T08:30:00Z"));
  }

  @Test
  void rejectsToNotAfterFrom() {
    assertThatThrownBy(
            () ->
                range(
                    Map.of(
                        "from", List.of("2024-05-01T10:00:00Z"),
                        "to", List.of("2024-05-01T10:00:00Z"))))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).startsWith("parameter 'to'");
            });
  }

  @Test
  void rejectsTooLongRange() {
    assertThatThrownBy(() -> range(Map.of("from", List.of("2024-01-01T00:00:00Z"))))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("'from'")
        .hasMessageContaining("31 days");
  }

  @Test
  void rejectsGarbageTimesNamingTheParameter() {
    assertThatThrownBy(() -> range(Map.of("from", List.of("yesterday"))))
        .isInstanceOf(ApiException.class)
        .hasMessageStartingWith("parameter 'from'");
    assertThatThrownBy(() -> range(Map.of("to", List.of("2024-05-01T10:00:00"))))
        .as("a time without offset is ambiguous")
        .isInstanceOf(ApiException.class)
        .hasMessageStartingWith("parameter 'to'");
  }

  @Test
  void limitDefaultsAndBounds() {
    assertThat(params(Map.of()).limit(100, 1000)).isEqualTo(100);
    assertThat(params(Map.of("limit", List.of("1000"))).limit(100, 1000)).isEqualTo(1000);
    for (String bad : List.of("0", "-1", "1001", "ten", "1e3")) {
      assertThatThrownBy(() -> params(Map.of("limit", List.of(bad))).limit(100, 1000))
          .as(bad)
          .isInstanceOf(ApiException.class)
          .hasMessageStartingWith("parameter 'limit'");
    }
  }

  @Test
  void singleRejectsRepeatsAndIgnoresBlank() {
    assertThat(params(Map.of("service", List.of("  "))).single("service")).isEmpty();
    assertThatThrownBy(() -> params(Map.of("service", List.of("a", "b"))).single("service"))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("'service'");
  }

  @Test
  void textCapsLength() {
    assertThatThrownBy(() -> params(Map.of("q", List.of("x".repeat(11)))).text("q", 10))
        .isInstanceOf(ApiException.class)
        .hasMessageStartingWith("parameter 'q'");
    assertThat(params(Map.of("q", List.of("x".repeat(10)))).text("q", 10)).contains("xxxxxxxxxx");
  }

  @Test
  void listSplitsCommasAcrossRepeats() {
    assertThat(params(Map.of("level", List.of("error, warn", "fatal", ""))).list("level"))
        .containsExactly("error", "warn", "fatal");
  }
}
