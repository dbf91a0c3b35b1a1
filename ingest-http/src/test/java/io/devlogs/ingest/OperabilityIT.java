package io.devlogs.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.http.Readiness;
import io.devlogs.ingest.kafka.EventSink;
import io.devlogs.ingest.kafka.KafkaEventSink;
import io.devlogs.ingest.kafka.KafkaSendOptions;
import io.devlogs.ingest.limits.RateLimits;
import io.devlogs.ingest.ops.KafkaReadinessProbe;
import io.devlogs.ingest.ops.Operability;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.projects.Scope;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.KafkaKeys;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Send bound, metrics and readiness against the local Kafka and PostgreSQL (DEVLOGS_* settings), on
 * a topic of its own, and against a closed local port standing for a Kafka that is down.
 */
class OperabilityIT {

  private static final Settings SETTINGS = Settings.fromEnvironment(new String[0]);
  private static final String BOOTSTRAP = SETTINGS.get(KafkaKeys.BOOTSTRAP_SERVERS);
  private static final String TOPIC = "ops-it-" + UUID.randomUUID();
  private static final String KEY = "dl_ingest_ops_it";
  private static final Duration SEND_TIMEOUT = Duration.ofMillis(1_500);

  private static Admin admin;

  @BeforeAll
  static void createTopic() throws Exception {
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP));
    admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
  }

  @AfterAll
  static void deleteTopic() throws Exception {
    admin.deleteTopics(List.of(TOPIC)).all().get();
    admin.close();
  }

  private static final IngestOptions OPTIONS =
      IngestOptions.defaults().withSendTimeout(SEND_TIMEOUT);

  /** Ingest sending to the sink, ready only while the Kafka probe answers. */
  private static Javalin app(EventSink sink, KafkaReadinessProbe kafka) {
    Operability ops =
        Operability.of(
            RateLimits.UNLIMITED, new Readiness(Map.of("kafka", kafka), Duration.ZERO, () -> {}));
    return IngestServer.createApp(
        OPTIONS,
        TestDeps.of(
                key ->
                    Optional.of(new ProjectKey("p_ops_it", Scope.INGEST))
                        .filter(k -> key.equals(KEY)),
                sink)
            .withOps(ops));
  }

  private static Response post(HttpClient client, String body) {
    return client.request(
        "/v1/logs",
        b ->
            b.header("Authorization", "Bearer " + KEY)
                .post(
                    RequestBody.create(
                        body.getBytes(UTF_8), MediaType.get("application/x-ndjson"))));
  }

  /** A local port nothing listens on. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void acknowledgedSendsAreTimedAndCountedAndTheTopicIsReady() {
    try (KafkaEventSink sink = KafkaEventSink.create(BOOTSTRAP, TOPIC, SEND_TIMEOUT);
        KafkaReadinessProbe kafka =
            new KafkaReadinessProbe(BOOTSTRAP, TOPIC, Duration.ofSeconds(2))) {
      JavalinTest.test(
          app(sink, kafka),
          (server, client) -> {
            Response response = post(client, "{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n");
            assertThat(response.code()).as(response.body().string()).isEqualTo(200);

            assertThat(client.get("/readyz").code()).isEqualTo(200);
            assertThat(client.get("/metrics").body().string())
                .contains(
                    "devlogs_ingest_events_accepted_total 3.0",
                    "devlogs_ingest_bytes_accepted_total 21.0",
                    "devlogs_ingest_kafka_send_seconds_count{outcome=\"ok\"} 1",
                    "devlogs_ingest_requests_total{method=\"POST\",route=\"/v1/logs\",status=\"200\"} 1.0");
          });
    }
  }

  @Test
  void aKafkaThatIsDownIs503WithinTheSendTimeoutAndNotReady() throws IOException {
    String down = "127.0.0.1:" + closedPort();
    try (KafkaEventSink sink = KafkaEventSink.create(down, TOPIC, SEND_TIMEOUT);
        KafkaReadinessProbe kafka = new KafkaReadinessProbe(down, TOPIC, Duration.ofSeconds(1))) {
      JavalinTest.test(
          app(sink, kafka),
          (server, client) -> {
            // 200 events: each would wait max.block.ms for metadata if the sink sent on.
            long start = System.nanoTime();
            Response response = post(client, "{\"msg\":\"lost?\"}\n".repeat(200));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(response.code()).isEqualTo(503);
            assertThat(response.header("Retry-After")).isEqualTo("5");
            assertThat(took).isLessThan(SEND_TIMEOUT.plusMillis(1_000));

            start = System.nanoTime();
            Response readyz = client.get("/readyz");
            took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(readyz.code()).isEqualTo(503);
            assertThat(readyz.body().string()).contains("no answer from Kafka");
            // The 1 s timeout, plus the admin client's first-call warm-up on a busy machine.
            assertThat(took).isLessThan(Duration.ofSeconds(5));

            assertThat(client.get("/metrics").body().string())
                .contains(
                    "devlogs_ingest_rejections_total{reason=\"unavailable\"} 1.0",
                    "devlogs_ingest_events_accepted_total 0.0");
          });
    }
  }

  @Test
  void aMissingTopicIsNotReady() {
    try (KafkaReadinessProbe probe =
        new KafkaReadinessProbe(
            BOOTSTRAP, "ops-it-missing-" + UUID.randomUUID(), Duration.ofSeconds(2))) {
      assertThatThrownBy(probe::check).hasMessageContaining("UnknownTopicOrPartition");
    }
  }

  @Test
  void theServicesReadinessChecksKafkaAndTheKeyStore() throws IOException {
    ApiKeyStore store = new ApiKeyStore(ProjectsDatabase.connect(SETTINGS));
    IngestOptions options =
        IngestOptions.from(SETTINGS)
            .withKafka(new KafkaSendOptions(BOOTSTRAP, TOPIC, SEND_TIMEOUT));
    try (KafkaEventSink sink = KafkaEventSink.create(options.kafka());
        Readiness readiness = IngestServer.readiness(options, store, sink)) {
      assertThat(readiness.check())
          .containsExactlyInAnyOrderEntriesOf(
              Map.of("kafka", "ok", "kafkaProducer", "ok", "keyStore", "ok"));
    }
    ApiKeyStore deadStore =
        new ApiKeyStore(
            ProjectsDatabase.connect(
                "jdbc:postgresql://127.0.0.1:" + closedPort() + "/devlogs", "devlogs", "devlogs"));
    try (KafkaEventSink sink = KafkaEventSink.create(options.kafka());
        Readiness readiness = IngestServer.readiness(options, deadStore, sink)) {
      Map<String, String> checks = readiness.check();
      assertThat(checks).containsEntry("kafka", "ok");
      assertThat(checks.get("keyStore")).isNotEqualTo("ok").isNotBlank();
    }
  }
}
