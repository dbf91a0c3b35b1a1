package io.devlogs.ingest.admin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.http.ApiException;
import io.devlogs.projects.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminRequestsTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static AdminRequests.NewKey newKey(String json) {
    return AdminRequests.newKey(json.getBytes(UTF_8), NOW);
  }

  @Test
  void newKeyHasScopesAndAnOptionalExpiry() {
    assertThat(newKey("{\"scopes\": [\"ingest\", \"admin\", \"ingest\"]}"))
        .isEqualTo(new AdminRequests.NewKey(java.util.Set.of(Scope.INGEST, Scope.ADMIN), null));
    assertThat(newKey("{\"scopes\": [\"query\"], \"expiresIn\": \"12h\"}").expiresAt())
        .isEqualTo(NOW.plus(Duration.ofHours(12)));
    assertThat(
            newKey("{\"scopes\": [\"query\"], \"expiresAt\": \"2027-01-01T00:00:00Z\"}")
                .expiresAt())
        .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
  }

  @Test
  void badNewKeyBodiesNameTheirProblem() {
    Map<String, String> problems =
        Map.of(
            "[]", "JSON object",
            "{\"scopes\": ", "invalid JSON",
            "{}", "'scopes' must be a non-empty array",
            "{\"scopes\": []}", "'scopes' must be a non-empty array",
            "{\"scopes\": \"ingest\"}", "'scopes' must be a non-empty array",
            "{\"scopes\": [1]}", "'scopes' must hold only strings",
            "{\"scopes\": [\"ingest\"], \"scope\": \"x\"}", "'scope' is not a known field",
            "{\"scopes\": [\"ingest\"], \"expiresAt\": \"2025-01-01T00:00:00Z\"}",
                "not in the future",
            "{\"scopes\": [\"ingest\"], \"expiresIn\": \"forever\"}",
                "'expiresIn' Duration 'forever'",
            "{\"scopes\": [\"ingest\"], \"expiresIn\": \"1d\", \"expiresAt\": \"2030-01-01T00:00:00Z\"}",
                "not both");
    problems.forEach(
        (body, problem) ->
            assertThatThrownBy(() -> newKey(body))
                .as(body)
                .isInstanceOfSatisfying(
                    ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining(problem));
  }

  @Test
  void newProjectNeedsAStringNameAndASmallBody() {
    assertThat(AdminRequests.newProject("{\"name\": \"shop\"}".getBytes(UTF_8)).name())
        .isEqualTo("shop");
    assertThatThrownBy(() -> AdminRequests.newProject("{\"name\": 7}".getBytes(UTF_8)))
        .hasMessageContaining("'name' must be a string");
    assertThatThrownBy(() -> AdminRequests.newProject(new byte[AdminRequests.MAX_BODY_BYTES + 1]))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(413));
  }
}
