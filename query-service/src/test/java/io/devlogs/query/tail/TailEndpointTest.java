package io.devlogs.query.tail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import io.devlogs.query.QueryDeps;
import io.devlogs.query.QueryServer;
import io.devlogs.query.logs.LogSearchRequest;
import io.devlogs.query.records.LogEvent;
import io.devlogs.query.support.TailClient;
import io.devlogs.query.support.TestDeps;
import io.devlogs.query.support.UnusedLogSearch;
import io.javalin.testtools.JavalinTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code WS /v1/tail} in the real app: authentication, filters and close codes (fake feed). */
class TailEndpointTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String KEY_A = "dl_query_AAAA";
  private static final String KEY_B = "dl_query_BBBB";
  private static final String INGEST_KEY = "dl_ingest_AAAA";

  private final TailHub hub = new TailHub(TailHub::feedReady, new TailLimits(10, 1_000_000, 5, 10));

  private QueryDeps deps(TailHub tail) {
    Map<String, ProjectKey> keys =
        Map.of(
            KEY_A, new ProjectKey("p_A", Scope.QUERY),
            KEY_B, new ProjectKey("p_B", Scope.QUERY),
            INGEST_KEY, new ProjectKey("p_A", Scope.INGEST));
    return TestDeps.of(raw -> Optional.ofNullable(keys.get(raw)), Clock.systemUTC()).withTail(tail);
  }

  private static LogEvent event(String id, String level) {
    return new LogEvent(
        id, Instant.parse("2024-05-01T10:00:00.000000042Z"), level, "api", "s", "m", Map.of());
  }

  @Test
  void headerOrFirstMessageAuthenticatesAndEventsFollowReady() {
    JavalinTest.test(
        QueryServer.createApp(deps(hub)),
        (server, client) -> {
          try (TailClient byHeader =
                  TailClient.withHeader(client.getOrigin(), "level=error", KEY_A);
              TailClient byMessage = TailClient.withAuthMessage(client.getOrigin(), "", KEY_B)) {
            assertThat(byHeader.next(WAIT, "ready").path("type").asText()).isEqualTo("ready");
            assertThat(byMessage.next(WAIT, "ready").path("type").asText()).isEqualTo("ready");

            hub.publish("p_A", event("a-info", "INFO"));
            hub.publish("p_A", event("a-error", "ERROR"));
            hub.publish("p_B", event("b-info", "INFO"));

            JsonNode received = byHeader.next(WAIT, "the error event");
            assertThat(received.path("type").asText()).isEqualTo("event");
            assertThat(received.path("event").path("id").asText()).isEqualTo("a-error");
            assertThat(received.path("event").path("timestamp").asText())
                .isEqualTo("2024-05-01T10:00:00.000000042Z");
            assertThat(byMessage.next(WAIT, "B's event").path("event").path("id").asText())
                .isEqualTo("b-info");
            assertThat(byHeader.poll(Duration.ofMillis(200))).isNull();
            assertThat(byMessage.poll(Duration.ofMillis(200))).isNull();
          }
        });
  }

  @Test
  void badKeysScopesAndFiltersGetAnErrorAndTheirCloseCode() {
    JavalinTest.test(
        QueryServer.createApp(deps(hub)),
        (server, client) -> {
          String origin = client.getOrigin();
          assertRefused(TailClient.withHeader(origin, "", "dl_query_nope"), "invalid_key", 4401);
          assertRefused(TailClient.withAuthMessage(origin, "", "nope"), "invalid_key", 4401);
          assertRefused(TailClient.withHeader(origin, "", INGEST_KEY), "wrong_scope", 4403);
          TailClient wrongFirst = TailClient.withHeader(origin, "", null);
          wrongFirst.send("hello");
          assertRefused(wrongFirst, "missing_key", 4401);
          assertRefused(
              TailClient.withHeader(origin, "level=" + "%27%20OR%201%3D1", KEY_A),
              "invalid_parameter",
              4400);
          assertRefused(
              TailClient.withHeader(origin, "levle=error", KEY_A), "invalid_parameter", 4400);
          assertRefused(
              TailClient.withHeader(origin, "from=2024-05-01T00:00:00Z", KEY_A),
              "invalid_parameter",
              4400);
          assertThat(hub.stats().open()).isZero();

          okhttp3.Response plainGet =
              client.get("/v1/tail", r -> r.header("Authorization", "Bearer " + KEY_A));
          assertThat(plainGet.code()).isEqualTo(426);
          assertThat(plainGet.body().string()).contains("upgrade_required");
          assertThat(client.get("/v1/tail").code()).as("plain GET needs a key too").isEqualTo(401);
        });
  }

  @Test
  void noAuthMessageWithinFiveSecondsIsRefused() {
    JavalinTest.test(
        QueryServer.createApp(deps(hub)),
        (server, client) -> {
          TailClient silent = TailClient.withHeader(client.getOrigin(), "", null);
          JsonNode error = silent.next(TailEndpoint.AUTH_TIMEOUT.plus(WAIT), "the timeout");
          assertThat(error.path("error").asText()).isEqualTo("missing_key");
          assertThat(error.path("detail").asText()).contains("within 5 s");
          assertThat(silent.closeCode(WAIT)).isEqualTo(4401);
        });
  }

  @Test
  void withoutKafkaSearchStillWorksAndTailAnswersBackendUnavailable() {
    TailOptions unreachable =
        new TailOptions("127.0.0.1:1", "devlogs-parsed", TailLimits.DEFAULT, Duration.ofSeconds(2));
    JavalinTest.test(
        QueryServer.createApp(
            deps(TailHub.overKafka(unreachable))
                .withLogSearch(
                    new UnusedLogSearch() {
                      @Override
                      public List<LogEvent> search(String projectId, LogSearchRequest request) {
                        return List.of();
                      }
                    })),
        (server, client) -> {
          assertThat(
                  client.get("/v1/logs", r -> r.header("Authorization", "Bearer " + KEY_A)).code())
              .isEqualTo(200);
          assertRefused(
              TailClient.withHeader(client.getOrigin(), "", KEY_A), "backend_unavailable", 4503);
        });
  }

  private static void assertRefused(TailClient client, String error, int code) throws Exception {
    try (client) {
      JsonNode message = client.next(WAIT, error);
      assertThat(message.path("type").asText()).isEqualTo("error");
      assertThat(message.path("error").asText()).isEqualTo(error);
      assertThat(message.path("detail").asText()).isNotBlank();
      assertThat(client.closeCode(WAIT)).isEqualTo(code);
    }
  }
}
