package io.devlogs.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.ingest.kafka.EventBatch;
import io.devlogs.ingest.limits.IngestLimits;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import io.devlogs.settings.Settings;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class IngestAppTest {

  private static final String INGEST_KEY = "dl_ingest_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String QUERY_KEY = "dl_query_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  private static final String BROKEN_STORE_KEY = "dl_ingest_broken";
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final int MAX_EVENTS = 20;

  private final RecordingEventSink sink = new RecordingEventSink();
  private final Map<String, ProjectKey> keys =
      Map.of(
          INGEST_KEY, new ProjectKey("p_test", Scope.INGEST),
          QUERY_KEY, new ProjectKey("p_test", Scope.QUERY));

  private Javalin app() {
    return IngestServer.createApp(
        IngestOptions.defaults()
            .withLimits(new IngestLimits(2000, 500, 8000, MAX_EVENTS))
            .withSendTimeout(Duration.ofSeconds(2)),
        TestDeps.of(
                key -> {
                  if (key.equals(BROKEN_STORE_KEY)) {
                    throw new IllegalStateException("connection refused");
                  }
                  return Optional.ofNullable(keys.get(key));
                },
                sink)
            .withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  private static Response post(HttpClient client, String key, String contentType, String body) {
    return post(client, "/v1/logs", key, contentType, body);
  }

  private static Response post(
      HttpClient client, String path, String key, String contentType, String body) {
    return client.request(
        path,
        builder -> {
          if (key != null) {
            builder.header("Authorization", "Bearer " + key);
          }
          builder.post(
              RequestBody.create(
                  body.getBytes(UTF_8), contentType == null ? null : MediaType.get(contentType)));
        });
  }

  private static JsonNode json(Response response) throws IOException {
    return JSON.readTree(response.body().string());
  }

  @Test
  void tooManyEventsInOneRequestIs413NamingTheLimitAndWritesNothing() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          String atLimit = "{\"m\":1}\n".repeat(MAX_EVENTS);
          assertThat(post(client, INGEST_KEY, "application/x-ndjson", atLimit).code())
              .isEqualTo(200);
          sink.batches.clear();

          Response response =
              post(client, INGEST_KEY, "application/x-ndjson", atLimit + "{\"m\":1}\n");
          assertThat(response.code()).isEqualTo(413);
          JsonNode body = json(response);
          assertThat(body.get("message").asText())
              .contains("21 events", "limit is " + MAX_EVENTS, "fewer events per request");
          assertThat(body.get("detail").get("limitEvents").asInt()).isEqualTo(MAX_EVENTS);
          assertThat(sink.batches).isEmpty();
        });
  }

  @Test
  void limitsComeFromSettingsAndAreChecked() {
    IngestLimits limits =
        IngestLimits.from(
            Settings.of(
                Map.of("ingest.max-body-bytes", "1000", "ingest.max-events-per-request", "7")));
    assertThat(limits.maxBodyBytes()).isEqualTo(1000);
    assertThat(limits.maxEventsPerRequest()).isEqualTo(7);
    assertThat(limits.maxEventBytes()).isEqualTo(IngestLimits.DEFAULT.maxEventBytes());
    assertThat(limits.maxDecodedBodyBytes()).isEqualTo(IngestLimits.DEFAULT.maxDecodedBodyBytes());
    assertThatThrownBy(
            () -> IngestLimits.from(Settings.of(Map.of("ingest.max-event-bytes", "2000000"))))
        .hasMessageContaining("ingest.max-event-bytes must be at most");
    assertThatThrownBy(
            () -> IngestLimits.from(Settings.of(Map.of("ingest.max-events-per-request", "lots"))))
        .hasMessageContaining("ingest.max-events-per-request");
  }

  @Test
  void healthz() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          Response response = client.get("/healthz");
          assertThat(response.code()).isEqualTo(200);
          assertThat(json(response).get("status").asText()).isEqualTo("ok");
        });
  }

  @Test
  void acceptsNdjsonAndPassesProjectTimeAndDefaults() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          Response response =
              post(
                  client,
                  "/v1/logs?stream=checkout-7f9c%2Freq-1&service=checkout",
                  INGEST_KEY,
                  "application/x-ndjson; charset=utf-8",
                  "{\"msg\":\"one\"}\n\n{\"msg\":\"two\",\"level\":\"WARN\"}\n");

          assertThat(response.code()).isEqualTo(200);
          assertThat(json(response).get("accepted").asInt()).isEqualTo(2);
          assertThat(sink.events())
              .containsExactly("{\"msg\":\"one\"}", "{\"msg\":\"two\",\"level\":\"WARN\"}");
          EventBatch batch = sink.batches.get(0);
          assertThat(batch.projectId()).isEqualTo("p_test");
          assertThat(batch.receivedMillis()).isEqualTo(NOW.toEpochMilli());
          assertThat(batch.stream()).isEqualTo("checkout-7f9c/req-1");
          assertThat(batch.service()).isEqualTo("checkout");
          assertThat(batch.idempotencyKey()).isNull();
        });
  }

  @Test
  void passesTheIdempotencyKeyOnAndRejectsAnOverlongOne() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          Response response =
              client.request(
                  "/v1/logs",
                  b ->
                      b.header("Authorization", "Bearer " + INGEST_KEY)
                          .header("Idempotency-Key", " req-7f9c ")
                          .post(RequestBody.create("{}", MediaType.get("application/json"))));
          assertThat(response.code()).isEqualTo(200);
          assertThat(sink.batches.get(0).idempotencyKey()).isEqualTo("req-7f9c");

          Response tooLong =
              client.request(
                  "/v1/logs",
                  b ->
                      b.header("Authorization", "Bearer " + INGEST_KEY)
                          .header("Idempotency-Key", "k".repeat(300))
                          .post(RequestBody.create("{}", MediaType.get("application/json"))));
          assertThat(tooLong.code()).isEqualTo(400);
          assertThat(json(tooLong).get("message").asText()).contains("Idempotency-Key");
          assertThat(sink.batches).hasSize(1);
        });
  }

  @Test
  void acceptsJsonObjectAndArray() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          Response single = post(client, INGEST_KEY, "application/json", "{\"msg\":\"solo\"}");
          assertThat(single.code()).isEqualTo(200);
          assertThat(json(single).get("accepted").asInt()).isEqualTo(1);

          Response array =
              post(client, INGEST_KEY, "application/json", "[{\"msg\":\"a\"},{\"msg\":\"b\"}]");
          assertThat(array.code()).isEqualTo(200);
          assertThat(json(array).get("accepted").asInt()).isEqualTo(2);

          assertThat(sink.events())
              .containsExactly("{\"msg\":\"solo\"}", "{\"msg\":\"a\"}", "{\"msg\":\"b\"}");
          assertThat(sink.batches.get(0).stream()).isNull();
          assertThat(sink.batches.get(0).service()).isNull();
        });
  }

  @Test
  void missingOrUnknownKeyIs401() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          Response missing = post(client, null, "application/json", "{}");
          assertThat(missing.code()).isEqualTo(401);
          assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer");
          JsonNode missingBody = json(missing);
          assertThat(missingBody.get("error").asText()).isEqualTo("missing_key");
          assertThat(missingBody.get("message").asText()).contains("missing API key");

          Response unknown = post(client, "dl_ingest_nope", "application/json", "{}");
          assertThat(unknown.code()).isEqualTo(401);
          JsonNode unknownBody = json(unknown);
          assertThat(unknownBody.get("error").asText()).isEqualTo("invalid_key");
          assertThat(unknownBody.get("message").asText())
              .isEqualTo("invalid API key: unknown, revoked or expired");

          Response basic =
              client.request(
                  "/v1/logs",
                  b ->
                      b.header("Authorization", "Basic dXNlcjpwYXNz")
                          .post(RequestBody.create("{}", MediaType.get("application/json"))));
          assertThat(basic.code()).isEqualTo(401);
          assertThat(sink.batches).isEmpty();
        });
  }

  @Test
  void queryKeyIs403() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          Response response = post(client, QUERY_KEY, "application/json", "{}");
          assertThat(response.code()).isEqualTo(403);
          JsonNode body = json(response);
          assertThat(body.get("error").asText()).isEqualTo("wrong_scope");
          assertThat(body.get("message").asText()).isEqualTo("this key lacks the 'ingest' scope");
          assertThat(body.path("detail").path("requiredScope").asText()).isEqualTo("ingest");
          assertThat(sink.batches).isEmpty();
        });
  }

  @Test
  void unreachableKeyStoreIs503WithRetryAfter() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          Response response = post(client, BROKEN_STORE_KEY, "application/json", "{}");
          assertThat(response.code()).isEqualTo(503);
          assertThat(response.header("Retry-After")).isEqualTo("5");
          assertThat(json(response).get("error").asText()).isEqualTo("backend_unavailable");
        });
  }

  @Test
  void badNdjsonLineIs400NamingTheLineWhileTheOthersAreAccepted() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          Response response =
              post(client, INGEST_KEY, "application/x-ndjson", "{\"a\":1}\n\n\"text\"\n{}");
          assertThat(response.code()).isEqualTo(400);
          JsonNode body = json(response);
          assertThat(body.get("error").asText()).isEqualTo("invalid_events");
          assertThat(body.get("message").asText())
              .isEqualTo(
                  "1 of 3 events rejected, the other 2 were accepted; first: line 3: expected a"
                      + " JSON object, found a string");
          assertThat(body.get("accepted").asInt()).isEqualTo(2);
          assertThat(body.get("rejected").asInt()).isEqualTo(1);
          JsonNode problem = body.get("detail").get("problems").get(0);
          assertThat(problem.get("line").asInt()).isEqualTo(3);
          assertThat(problem.get("problem").asText())
              .isEqualTo("expected a JSON object, found a string");
          assertThat(sink.events()).containsExactly("{\"a\":1}", "{}");
          assertThat(sink.batches.get(0).positions())
              .as("accepted events keep their positions in the request")
              .containsExactly(0, 2);
        });
  }

  @Test
  void badArrayElementIs400NamingTheIndexWhileTheOthersAreAccepted() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          Response response = post(client, INGEST_KEY, "application/json", "[{}, [], {\"b\":1}]");
          assertThat(response.code()).isEqualTo(400);
          JsonNode body = json(response);
          assertThat(body.get("message").asText()).contains("first: index 1:");
          assertThat(body.get("detail").get("problems").get(0).get("index").asInt()).isEqualTo(1);
          assertThat(body.get("detail").get("accepted").asInt()).isEqualTo(2);
          assertThat(sink.events()).containsExactly("{}", "{\"b\":1}");
        });
  }

  @Test
  void whollyInvalidBodyIs400AndWritesNothing() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          Response response = post(client, INGEST_KEY, "application/x-ndjson", "[1]\n\"x\"\n");
          assertThat(response.code()).isEqualTo(400);
          JsonNode body = json(response);
          assertThat(body.get("message").asText())
              .isEqualTo(
                  "all 2 events are invalid; first: line 1: expected a JSON object, found an"
                      + " array");
          assertThat(body.get("detail").get("accepted").asInt()).isZero();
          assertThat(body.get("detail").get("rejected").asInt()).isEqualTo(2);

          Response broken = post(client, INGEST_KEY, "application/json", "[{}, {\"a\" 1}]");
          assertThat(broken.code()).isEqualTo(400);
          assertThat(json(broken).get("message").asText()).contains("malformed JSON");
          assertThat(sink.batches).as("nothing of a wholly invalid request is written").isEmpty();
        });
  }

  @Test
  void emptyBodyIs400() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          Response ndjson = post(client, INGEST_KEY, "application/x-ndjson", "");
          assertThat(ndjson.code()).isEqualTo(400);
          assertThat(json(ndjson).get("message").asText()).contains("empty body");

          Response blank = post(client, INGEST_KEY, "application/json", "  ");
          assertThat(blank.code()).isEqualTo(400);
          assertThat(json(blank).get("message").asText()).contains("empty body");
        });
  }

  @Test
  void oversizedBodyIs413() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          String line = "{\"msg\":\"" + "x".repeat(90) + "\"}\n";
          Response response = post(client, INGEST_KEY, "application/x-ndjson", line.repeat(30));
          assertThat(response.code()).isEqualTo(413);
          assertThat(json(response).get("detail").get("limitBytes").asLong()).isEqualTo(2000);
          assertThat(sink.batches).isEmpty();
        });
  }

  @Test
  void oversizedEventIs413NamingTheLine() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          String big = "{\"msg\":\"" + "x".repeat(600) + "\"}";
          Response alone = post(client, INGEST_KEY, "application/x-ndjson", "\n" + big);
          assertThat(alone.code()).isEqualTo(413);
          JsonNode answer = json(alone);
          assertThat(answer.get("message").asText()).contains("line 2", "limit is 500 bytes");
          assertThat(answer.get("detail").get("problems").get(0).get("line").asInt()).isEqualTo(2);

          Response mixed = post(client, INGEST_KEY, "application/x-ndjson", "{}\n" + big);
          assertThat(mixed.code()).isEqualTo(400);
          assertThat(json(mixed).get("rejected").asInt()).isEqualTo(1);
          assertThat(sink.events()).containsExactly("{}");
        });
  }

  @Test
  void unsupportedContentTypeIs415() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          Response response = post(client, INGEST_KEY, "application/xml", "<log/>");
          assertThat(response.code()).isEqualTo(415);
          assertThat(json(response).get("message").asText()).contains("application/x-ndjson");
          Response none = post(client, INGEST_KEY, null, "{}");
          assertThat(none.code()).isEqualTo(415);
          Response loki = post(client, "/loki/api/v1/push", INGEST_KEY, "text/plain", "x");
          assertThat(loki.code()).isEqualTo(415);
          assertThat(sink.batches).isEmpty();
        });
  }

  @Test
  void sinkFailureIs503WithRetryAfter() {
    sink.failure = new IllegalStateException("broker down");
    JavalinTest.test(
        app(),
        (server, client) -> {
          Response response = post(client, INGEST_KEY, "application/json", "{}");
          assertThat(response.code()).isEqualTo(503);
          assertThat(response.header("Retry-After")).isEqualTo("5");
          JsonNode body = json(response);
          assertThat(body.get("error").asText()).isEqualTo("backend_unavailable");
          assertThat(body.get("detail").get("backend").asText()).isEqualTo("kafka");
          assertThat(body.get("message").asText()).contains("retry later");
        });
  }

  @Test
  void unknownPathIsJson404() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          Response response = client.get("/v2/nothing");
          assertThat(response.code()).isEqualTo(404);
          JsonNode body = json(response);
          assertThat(body.get("error").asText()).isEqualTo("not_found");
          assertThat(body.get("message").asText()).contains("/v2/nothing");
        });
  }
}
