package io.devlogs.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.http.Readiness;
import io.devlogs.http.ReadinessProbe;
import io.devlogs.ingest.kafka.EventSink;
import io.devlogs.ingest.limits.RateLimiter;
import io.devlogs.ingest.limits.RateLimits;
import io.devlogs.ingest.ops.IngestMetrics;
import io.devlogs.ingest.ops.Operability;
import io.devlogs.ingest.ops.RequestLog;
import io.devlogs.limits.Rate;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** Rate limits, metrics, readiness, request ids and the request log, on the app. */
class OperabilityAppTest {

  private static final String KEY_A = "dl_ingest_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String KEY_B = "dl_ingest_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  private static final String KEY_A2 = "dl_ingest_dddddddddddddddddddddddddddddddd";
  private static final String QUERY_KEY = "dl_query_cccccccccccccccccccccccccccccccc";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RecordingEventSink sink = new RecordingEventSink();
  private final Map<String, ProjectKey> keys =
      Map.of(
          KEY_A, new ProjectKey("p_a", Scope.INGEST),
          KEY_B, new ProjectKey("p_b", Scope.INGEST),
          KEY_A2, new ProjectKey("p_a", Scope.INGEST),
          QUERY_KEY, new ProjectKey("p_a", Scope.QUERY));
  private final AtomicLong nanos = new AtomicLong();
  private final AtomicBoolean kafkaUp = new AtomicBoolean(true);
  private final List<String> logLines = new CopyOnWriteArrayList<>();
  private final IngestMetrics metrics = new IngestMetrics();

  private Javalin app(EventSink sink, Duration sendTimeout) {
    ReadinessProbe kafka =
        () -> {
          if (!kafkaUp.get()) {
            throw new IllegalStateException("no answer from Kafka");
          }
        };
    return IngestServer.createApp(
        IngestOptions.defaults().withSendTimeout(sendTimeout),
        TestDeps.of(key -> Optional.ofNullable(keys.get(key)), sink)
            .withOps(
                new Operability(
                    // 5 events/s with a burst of 10; 1,000 bytes/s with a burst of 2,000.
                    new RateLimiter(
                        new RateLimits(new Rate(5, 10), new Rate(1_000, 2_000), 100), nanos::get),
                    metrics,
                    new Readiness(Map.of("kafka", kafka), Duration.ZERO, () -> {}),
                    new RequestLog(logLines::add))));
  }

  private Javalin app() {
    return app(sink, Duration.ofSeconds(2));
  }

  private static Response post(HttpClient client, String key, String body) {
    return client.request(
        "/v1/logs",
        b ->
            b.header("Authorization", "Bearer " + key)
                .post(
                    RequestBody.create(
                        body.getBytes(UTF_8), MediaType.get("application/x-ndjson"))));
  }

  private static String events(int n) {
    return "{\"m\":1}\n".repeat(n);
  }

  private static JsonNode json(String text) throws IOException {
    return JSON.readTree(text);
  }

  @Test
  void overTheEventRateIs429WithRetryAfterNamingTheLimitAndNothingIsWritten() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          assertThat(post(client, KEY_A, events(10)).code()).isEqualTo(200);

          Response refused = post(client, KEY_A, events(5));
          assertThat(refused.code()).isEqualTo(429);
          assertThat(refused.header("Retry-After")).isEqualTo("1"); // 5 events at 5/s
          JsonNode body = json(refused.body().string());
          assertThat(body.get("message").asText()).contains("events_per_second");
          assertThat(body.get("detail").get("limit").asText()).isEqualTo("events_per_second");
          assertThat(body.get("detail").get("retryAfterSeconds").asLong()).isEqualTo(1);
          assertThat(sink.batches).hasSize(1);

          assertThat(post(client, KEY_B, events(10)).code())
              .as("another project's key has its own bucket")
              .isEqualTo(200);
          assertThat(post(client, KEY_A2, events(10)).code())
              .as("another key of the same project has its own bucket")
              .isEqualTo(200);

          nanos.addAndGet(Duration.ofSeconds(1).toNanos());
          assertThat(post(client, KEY_A, events(5)).code()).isEqualTo(200);
          assertThat(sink.batches).hasSize(4);
        });
  }

  @Test
  void overTheByteRateIs429NamingTheByteLimit() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          String big = "{\"m\":\"" + "x".repeat(1_500) + "\"}";
          assertThat(post(client, KEY_A, big).code()).isEqualTo(200);
          Response refused = post(client, KEY_A, big);
          assertThat(refused.code()).isEqualTo(429);
          assertThat(refused.header("Retry-After")).isEqualTo("2"); // 1,008 missing at 1,000/s
          assertThat(json(refused.body().string()).get("detail").get("limit").asText())
              .isEqualTo("bytes_per_second");
        });
  }

  @Test
  void aRequestLargerThanTheBurstIs413() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          Response refused = post(client, KEY_A, events(11));
          assertThat(refused.code()).isEqualTo(413);
          assertThat(refused.header("Retry-After")).isNull();
          assertThat(json(refused.body().string()).get("message").asText())
              .contains("send smaller requests");
          assertThat(sink.batches).isEmpty();
        });
  }

  @Test
  void everyResponseCarriesARequestIdTheClientsIfSane() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          String generated = client.get("/healthz").header("X-Request-Id");
          assertThat(generated).matches("[0-9a-f-]{36}");

          Response echoed = client.get("/healthz", b -> b.header("X-Request-Id", "lb-42.a"));
          assertThat(echoed.header("X-Request-Id")).isEqualTo("lb-42.a");

          Response replaced = client.get("/healthz", b -> b.header("X-Request-Id", "a b\"c"));
          assertThat(replaced.header("X-Request-Id")).matches("[0-9a-f-]{36}");

          Response error =
              client.request(
                  "/v1/logs",
                  b ->
                      b.header("X-Request-Id", "err-1")
                          .post(RequestBody.create("{}", MediaType.get("application/json"))));
          assertThat(error.code()).isEqualTo(401);
          assertThat(error.header("X-Request-Id")).isEqualTo("err-1");
          assertThat(client.get("/nothing/here").header("X-Request-Id")).isNotBlank();
        });
  }

  @Test
  void oneJsonLogLinePerRequestWithIdProjectCountsAndReason() throws IOException {
    JavalinTest.test(
        app(),
        (server, client) -> {
          client.request(
              "/v1/logs",
              b ->
                  b.header("Authorization", "Bearer " + KEY_A)
                      .header("X-Request-Id", "ok-1")
                      .post(RequestBody.create(events(3), MediaType.get("application/x-ndjson"))));
          client.request(
              "/v1/logs",
              b ->
                  b.header("Authorization", "Bearer " + QUERY_KEY)
                      .header("X-Request-Id", "scope-1")
                      .post(RequestBody.create("{}", MediaType.get("application/json"))));
        });
    // JavalinTest's own clean-up request may follow.
    assertThat(logLines).hasSizeGreaterThanOrEqualTo(2);
    JsonNode ok = json(logLines.get(0));
    assertThat(ok.get("request_id").asText()).isEqualTo("ok-1");
    assertThat(ok.get("method").asText()).isEqualTo("POST");
    assertThat(ok.get("path").asText()).isEqualTo("/v1/logs");
    assertThat(ok.get("status").asInt()).isEqualTo(200);
    assertThat(ok.get("ms").asDouble()).isGreaterThanOrEqualTo(0);
    assertThat(ok.get("project").asText()).isEqualTo("p_a");
    assertThat(ok.get("events").asInt()).isEqualTo(3);
    assertThat(ok.get("bytes").asLong()).isEqualTo(3 * "{\"m\":1}".length());
    assertThat(ok.has("reason")).isFalse();
    assertThat(ok.get("ts").asText()).endsWith("Z");

    JsonNode refused = json(logLines.get(1));
    assertThat(refused.get("request_id").asText()).isEqualTo("scope-1");
    assertThat(refused.get("status").asInt()).isEqualTo(403);
    assertThat(refused.get("reason").asText()).isEqualTo("scope");
    assertThat(refused.get("error").asText()).isEqualTo("this key lacks the 'ingest' scope");
    assertThat(refused.has("events")).isFalse();
  }

  @Test
  void metricsCountRequestsEventsBytesRejectionsAndKafkaSendLatency() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          post(client, KEY_A, events(4));
          post(client, KEY_A, events(4));
          post(client, KEY_A, events(4)); // over the rate: 429
          post(client, "dl_ingest_unknown", "{}"); // 401
          post(client, QUERY_KEY, "{}"); // 403
          client.get("/nothing/here"); // 404
          client.request(
              "/v1/logs",
              b ->
                  b.header("Authorization", "Bearer " + KEY_B)
                      .post(RequestBody.create("{}", MediaType.get("text/csv")))); // 415
          post(client, KEY_B, "not json"); // 400

          Response scrape = client.get("/metrics");
          assertThat(scrape.code()).isEqualTo(200);
          assertThat(scrape.header("Content-Type")).startsWith("text/plain; version=0.0.4");
          String text = scrape.body().string();
          assertThat(text)
              .contains(
                  "devlogs_ingest_requests_total{method=\"POST\",route=\"/v1/logs\",status=\"200\"} 2.0",
                  "devlogs_ingest_requests_total{method=\"POST\",route=\"/v1/logs\",status=\"429\"} 1.0",
                  "devlogs_ingest_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1.0",
                  "devlogs_ingest_events_accepted_total 8.0",
                  "devlogs_ingest_bytes_accepted_total " + (8.0 * "{\"m\":1}".length()),
                  "devlogs_ingest_rejections_total{reason=\"rate\"} 1.0",
                  "devlogs_ingest_rejections_total{reason=\"auth\"} 1.0",
                  "devlogs_ingest_rejections_total{reason=\"scope\"} 1.0",
                  "devlogs_ingest_rejections_total{reason=\"unsupported\"} 1.0",
                  "devlogs_ingest_rejections_total{reason=\"invalid\"} 1.0",
                  "devlogs_ingest_rejections_total{reason=\"unavailable\"} 0.0",
                  "devlogs_ingest_kafka_send_seconds_count{outcome=\"ok\"} 2",
                  "devlogs_ingest_kafka_send_seconds_bucket{outcome=\"ok\",le=\"+Inf\"} 2",
                  "devlogs_ingest_project_events_accepted_total{project=\"p_a\"} 8.0",
                  "devlogs_ingest_project_bytes_accepted_total{project=\"p_a\"} "
                      + (8.0 * "{\"m\":1}".length()),
                  "devlogs_ingest_project_rejections_total{project=\"p_a\",reason=\"rate\"} 1.0",
                  "devlogs_ingest_project_rejections_total{project=\"p_b\",reason=\"invalid\"} 1.0",
                  // the 415's "{}" and the 400's "not json"
                  "devlogs_ingest_project_bytes_rejected_total{project=\"p_b\"} "
                      + (double) ("{}".length() + "not json".length()));
          assertThat(text).doesNotContain("project=\"p_b\",reason=\"rate\"");
        });
  }

  @Test
  void aSinkThatNeverAnswersIs503WithinTheSendTimeoutAndCounted() {
    EventSink silent = batch -> new CompletableFuture<>();
    JavalinTest.test(
        app(silent, Duration.ofMillis(300)),
        (server, client) -> {
          long start = System.nanoTime();
          Response response = post(client, KEY_A, events(1));
          long tookMs = (System.nanoTime() - start) / 1_000_000;
          assertThat(response.code()).isEqualTo(503);
          assertThat(response.header("Retry-After")).isEqualTo("5");
          assertThat(tookMs).isBetween(300L, 2_000L);
          assertThat(client.get("/metrics").body().string())
              .contains("devlogs_ingest_rejections_total{reason=\"unavailable\"} 1.0")
              .contains("devlogs_ingest_events_accepted_total 0.0");
        });
  }

  @Test
  void readyzReflectsTheProbesAndHealthzOnlyTheProcess() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          Response ready = client.get("/readyz");
          assertThat(ready.code()).isEqualTo(200);
          JsonNode body = json(ready.body().string());
          assertThat(body.get("status").asText()).isEqualTo("ready");
          assertThat(body.get("checks").get("kafka").asText()).isEqualTo("ok");

          kafkaUp.set(false);
          Response notReady = client.get("/readyz");
          assertThat(notReady.code()).isEqualTo(503);
          assertThat(notReady.header("Retry-After")).isEqualTo("5");
          JsonNode down = json(notReady.body().string());
          assertThat(down.get("status").asText()).isEqualTo("not ready");
          assertThat(down.get("checks").get("kafka").asText()).contains("no answer from Kafka");

          assertThat(client.get("/healthz").code()).isEqualTo(200);
          assertThat(client.get("/metrics").body().string())
              .as("a failed readiness check is not a rejected client request")
              .contains("devlogs_ingest_rejections_total{reason=\"unavailable\"} 0.0");
        });
  }
}
