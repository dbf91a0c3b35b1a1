package io.devlogs.query.loki;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import io.devlogs.query.QueryDeps;
import io.devlogs.query.QueryServer;
import io.devlogs.query.records.LogEvent;
import io.devlogs.query.support.TailClient;
import io.devlogs.query.support.TestDeps;
import io.devlogs.query.tail.TailHub;
import io.devlogs.query.tail.TailLimits;
import io.devlogs.testing.Poll;
import io.javalin.testtools.JavalinTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code WS /loki/api/v1/tail} as Grafana's Loki data source opens it ({@code LiveStreams.ts}:
 * {@code convertToWebSocketUrl(`${baseUrl}/loki/api/v1/tail?${serializeParams({ query })}`)},
 * through Grafana's proxy, which adds the data source's basic auth to the upgrade), in the real app
 * over a hub whose events the test publishes.
 */
class LokiTailTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String KEY_A = "dl_query_AAAA";
  private static final String INGEST_KEY = "dl_ingest_AAAA";

  private final TailHub hub = new TailHub(TailHub::feedReady, new TailLimits(10, 1_000_000, 5, 10));

  private QueryDeps deps() {
    Map<String, ProjectKey> keys =
        Map.of(
            KEY_A, new ProjectKey("p_A", Scope.QUERY),
            INGEST_KEY, new ProjectKey("p_A", Scope.INGEST));
    return TestDeps.of(raw -> Optional.ofNullable(keys.get(raw)), Clock.systemUTC()).withTail(hub);
  }

  private static final Instant AT = Instant.parse("2026-12-06T10:00:00.000000042Z");

  private static LogEvent event(String id, String service, String message) {
    return new LogEvent(id, AT, "ERROR", service, "run-1", message, Map.of("user.id", "u1"));
  }

  @Test
  void matchingEventsArriveInLokisTailShapeWithBasicAuth() throws Exception {
    JavalinTest.test(
        QueryServer.createApp(deps()),
        (server, client) -> {
          try (TailClient tail =
              TailClient.loki(
                  client.getOrigin(),
                  "{service=\"api\"} |= \"boom\" | user.id=\"u1\"",
                  "Basic "
                      + Base64.getEncoder()
                          .encodeToString(("grafana:" + KEY_A).getBytes(StandardCharsets.UTF_8)))) {
            Poll.until(WAIT, () -> hub.wants("p_A"), "the tail subscribed");
            hub.publish("p_A", event("web", "web", "boom"));
            hub.publish("p_A", event("quiet", "api", "all well"));
            hub.publish("p_B", event("other-project", "api", "boom"));
            hub.publish("p_A", event("match", "api", "a boom here"));

            JsonNode message = tail.next(WAIT, "the matching event");
            assertThat(message.toString())
                .isEqualTo(
                    "{\"streams\":[{\"stream\":{\"level\":\"error\",\"service\":\"api\","
                        + "\"stream\":\"run-1\"},\"values\":[[\""
                        + (AT.getEpochSecond() * 1_000_000_000L + AT.getNano())
                        + "\",\"a boom here\"]]}],\"dropped_entries\":null}");
            assertThat(tail.poll(Duration.ofMillis(200))).isNull();
          }
        });
  }

  @Test
  void badQueriesAndKeysCloseWithTheirCodeAndTheProblem() throws Exception {
    JavalinTest.test(
        QueryServer.createApp(deps()),
        (server, client) -> {
          String origin = client.getOrigin();
          assertClosed(
              TailClient.loki(origin, "{service=", "Bearer " + KEY_A), 4400, "parse error");
          assertClosed(
              TailClient.loki(origin, "rate({service=\"api\"}[1m])", "Bearer " + KEY_A),
              4400,
              "log query");
          assertClosed(TailClient.loki(origin, "{service=\"api\"}", null), 4401, "missing API key");
          assertClosed(
              TailClient.loki(origin, "{service=\"api\"}", "Bearer dl_query_nope"),
              4401,
              "invalid");
          assertClosed(
              TailClient.loki(origin, "{service=\"api\"}", "Bearer " + INGEST_KEY), 4403, "scope");
          assertThat(hub.stats().open()).isZero();
        });
  }

  private static void assertClosed(TailClient tail, int code, String reason) throws Exception {
    try (tail) {
      assertThat(tail.closing(WAIT)).startsWith(code + " ").contains(reason);
    }
  }
}
