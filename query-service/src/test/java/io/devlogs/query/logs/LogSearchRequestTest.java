package io.devlogs.query.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.query.http.ApiException;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.records.Level;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogSearchRequestTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

  private static LogSearchRequest parse(Map<String, List<String>> params) {
    return LogSearchRequest.parse(new RequestParams(params), NOW);
  }

  @Test
  void defaults() {
    LogSearchRequest request = parse(Map.of());
    assertThat(request.range().from()).isEqualTo(Instant.parse("2024-05-01T11:00:00Z"));
    assertThat(request.range().to()).isEqualTo(NOW);
    assertThat(request.levels()).isEmpty();
    assertThat(request.service()).isEmpty();
    assertThat(request.text()).isEmpty();
    assertThat(request.limit()).isEqualTo(100);
  }

  @Test
  void levelsRepeatableCommaSeparatedCaseInsensitive() {
    LogSearchRequest request = parse(Map.of("level", List.of("error,Warn", "FATAL", "error")));
    assertThat(request.levels()).containsExactlyInAnyOrder(Level.ERROR, Level.WARN, Level.FATAL);
  }

  @Test
  void unknownLevelIsA400NamingLevel() {
    assertThatThrownBy(() -> parse(Map.of("level", List.of("ERROR", "' OR 1=1 --"))))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.detail()).startsWith("parameter 'level'");
            });
  }

  @Test
  void serviceAndTextAreKeptVerbatimApartFromTrimming() {
    LogSearchRequest request =
        parse(Map.of("service", List.of(" api "), "q", List.of("' OR 1=1 --")));
    assertThat(request.service()).contains("api");
    assertThat(request.text()).contains("' OR 1=1 --");
  }

  @Test
  void limitAboveMaximumIsRejected() {
    assertThatThrownBy(() -> parse(Map.of("limit", List.of("1001"))))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("'limit'");
  }
}
