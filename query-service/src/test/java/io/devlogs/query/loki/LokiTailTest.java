package io.devlogs.query.loki;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import io.devlogs.query.QueryDeps;
import io.devlogs.query.QueryServer;
import io.devlogs.query.records.LogEvent;
import io.devlogs.query.support.TestDeps;
import io.devlogs.query.tail.TailHub;
import io.devlogs.query.tail.TailLimits;
import io.devlogs.testing.Poll;
import io.javalin.testtools.JavalinTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code WS /loki/api/v1/tail} as Grafana's Loki data source opens it ({@code LiveStreams.ts}:
 * {@code convertToWebSocketUrl(`${baseUrl}/loki/api/v1/tail?${serializeParams({ query })}`)},
 * through Grafana's proxy, which adds the data source's basic auth to the upgrade), in the real app
 * over a hub whose events the test publishes.
 */
class LokiTailTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
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
          try (Tail tail =
              Tail.open(
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

            JsonNode message = tail.next("the matching event");
            assertThat(message.toString())
                .isEqualTo(
                    "{\"streams\":[{\"stream\":{\"level\":\"error\",\"service\":\"api\","
                        + "\"stream\":\"run-1\"},\"values\":[[\""
                        + (AT.getEpochSecond() * 1_000_000_000L + AT.getNano())
                        + "\",\"a boom here\"]]}],\"dropped_entries\":null}");
            assertThat(tail.messages.poll(200, TimeUnit.MILLISECONDS)).isNull();
          }
        });
  }

  @Test
  void badQueriesAndKeysCloseWithTheirCodeAndTheProblem() throws Exception {
    JavalinTest.test(
        QueryServer.createApp(deps()),
        (server, client) -> {
          String origin = client.getOrigin();
          assertClosed(Tail.open(origin, "{service=", "Bearer " + KEY_A), 4400, "parse error");
          assertClosed(
              Tail.open(origin, "rate({service=\"api\"}[1m])", "Bearer " + KEY_A),
              4400,
              "log query");
          assertClosed(Tail.open(origin, "{service=\"api\"}", null), 4401, "missing API key");
          assertClosed(
              Tail.open(origin, "{service=\"api\"}", "Bearer dl_query_nope"), 4401, "invalid");
          assertClosed(
              Tail.open(origin, "{service=\"api\"}", "Bearer " + INGEST_KEY), 4403, "scope");
          assertThat(hub.stats().open()).isZero();
        });
  }

  private static void assertClosed(Tail tail, int code, String reason) throws Exception {
    try (tail) {
      assertThat(tail.closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
          .startsWith(code + " ")
          .contains(reason);
    }
  }

  /** A WebSocket client of the Loki tail. */
  private static final class Tail implements WebSocket.Listener, AutoCloseable {
    final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static Tail open(String origin, String query, String authorization) {
      Tail tail = new Tail();
      WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
      if (authorization != null) {
        builder.header("Authorization", authorization);
      }
      tail.socket =
          builder
              .buildAsync(
                  URI.create(
                      origin.replaceFirst("^http", "ws")
                          + "/loki/api/v1/tail?query="
                          + URLEncoder.encode(query, StandardCharsets.UTF_8)),
                  tail)
              .join();
      return tail;
    }

    JsonNode next(String what) throws InterruptedException {
      JsonNode message = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (message == null) {
        throw new AssertionError("no tail message within " + WAIT + " waiting for " + what);
      }
      return message;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          messages.add(JSON.readTree(partial.toString()));
        } catch (Exception e) {
          messages.add(JSON.getNodeFactory().textNode("unreadable frame: " + partial));
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode + " " + reason);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.completeExceptionally(error);
    }

    @Override
    public void close() {
      socket.abort();
    }
  }
}
