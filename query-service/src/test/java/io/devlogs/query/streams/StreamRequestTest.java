package io.devlogs.query.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.query.http.ApiException;
import io.devlogs.query.http.RequestParams;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamRequestTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

  @Test
  void defaultsToTheLast24Hours() {
    StreamRequest request = StreamRequest.parse("run-1", new RequestParams(Map.of()), NOW);
    assertThat(request.range().from()).isEqualTo(Instant.parse("2024-04-30T12:00:00Z"));
    assertThat(request.range().to()).isEqualTo(NOW);
    assertThat(request.range().utcDays()).hasSize(2);
    assertThat(request.limit()).isEqualTo(StreamRequest.DEFAULT_LIMIT);
  }

  @Test
  void capsTheNumberOfDays() {
    assertThatThrownBy(
            () ->
                StreamRequest.parse(
                    "run-1",
                    new RequestParams(Map.of("from", List.of("2024-03-01T00:00:00Z"))),
                    NOW))
        .isInstanceOf(ApiException.class)
        .hasMessageStartingWith("parameter 'from'");
  }

  @Test
  void rejectsOverlongNames() {
    assertThatThrownBy(() -> StreamRequest.parse("x".repeat(257), new RequestParams(Map.of()), NOW))
        .isInstanceOf(ApiException.class)
        .hasMessageStartingWith("parameter 'name'");
  }

  @Test
  void keepsHostileNamesVerbatimForBinding() {
    StreamRequest request = StreamRequest.parse("' OR 1=1 --", new RequestParams(Map.of()), NOW);
    assertThat(request.stream()).isEqualTo("' OR 1=1 --");
  }
}
