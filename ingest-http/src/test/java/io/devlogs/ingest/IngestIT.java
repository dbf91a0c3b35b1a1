package io.devlogs.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.ingest.kafka.KafkaEventSink;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.projects.Project;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.projects.Scope;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.KafkaKeys;
import io.javalin.testtools.JavalinTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against the local Kafka and PostgreSQL (DEVLOGS_* settings), topics and tables already created.
 */
class IngestIT {

  private static final Settings SETTINGS = Settings.fromEnvironment(new String[0]);
  private static final String BOOTSTRAP = SETTINGS.get(KafkaKeys.BOOTSTRAP_SERVERS);
  private static final String TOPIC = SETTINGS.get(KafkaKeys.RAW_TOPIC);

  private static ApiKeyStore keyStore;
  private static Project project;
  private static String ingestKey;
  private static String queryKey;

  @BeforeAll
  static void createProject() {
    ProjectsDatabase database = ProjectsDatabase.connect(SETTINGS);
    keyStore = new ApiKeyStore(database);
    project = new ProjectStore(database).createProject("ingest-it-" + UUID.randomUUID());
    ingestKey = keyStore.issueKey(project.id(), Scope.INGEST);
    queryKey = keyStore.issueKey(project.id(), Scope.QUERY);
  }

  private static Response post(
      io.javalin.testtools.HttpClient client, String path, String key, String body) {
    return client.request(
        path,
        b ->
            b.header("Authorization", "Bearer " + key)
                .post(
                    RequestBody.create(
                        body.getBytes(UTF_8), MediaType.get("application/x-ndjson"))));
  }

  @Test
  void postedEventsArriveInTheRawTopicWithKeyValueAndHeaders() {
    String stream = "ingest-it/" + UUID.randomUUID();
    List<String> sent =
        List.of(
            "{\"msg\":\"first\",\"level\":\"INFO\"}",
            "{\"msg\":\"second\",\"level\":\"ERROR\",\"n\":1.50}",
            "{\"msg\":\"third ü\"}");
    KeyAuthenticator keys = new KeyAuthenticator(keyStore, Duration.ofSeconds(10));

    try (KafkaEventSink sink = KafkaEventSink.create(BOOTSTRAP, TOPIC);
        KafkaConsumer<byte[], byte[]> consumer = consumerAtEnd()) {
      long before = System.currentTimeMillis();
      JavalinTest.test(
          IngestServer.createApp(IngestOptions.defaults(), TestDeps.of(keys::authenticate, sink)),
          (server, client) -> {
            Response response =
                post(
                    client,
                    "/v1/logs?stream=" + stream + "&service=it-service",
                    ingestKey,
                    String.join("\n", sent) + "\n");
            assertThat(response.code()).as(response.body().string()).isEqualTo(200);
          });
      long after = System.currentTimeMillis();

      List<ConsumerRecord<byte[], byte[]>> records =
          pollUntil(consumer, stream, sent.size(), Duration.ofSeconds(20));

      assertThat(records)
          .extracting(r -> new String(r.value(), UTF_8))
          .containsExactlyElementsOf(sent);
      for (ConsumerRecord<byte[], byte[]> record : records) {
        assertThat(new String(record.key(), UTF_8)).isEqualTo(project.id());
        assertThat(header(record, "devlogs-project")).isEqualTo(project.id());
        assertThat(header(record, "devlogs-format")).isEqualTo("json");
        assertThat(header(record, "devlogs-service")).isEqualTo("it-service");
        assertThat(Long.parseLong(header(record, "devlogs-received-ms"))).isBetween(before, after);
      }
      // Same key -> same partition, so the events of one request stay in order.
      assertThat(records)
          .extracting(ConsumerRecord::partition)
          .containsOnly(records.get(0).partition());
    }
  }

  @Test
  void keysAreCheckedAgainstPostgres() {
    KeyAuthenticator keys = new KeyAuthenticator(keyStore, Duration.ofSeconds(10));
    try (RecordingEventSink sink = new RecordingEventSink()) {
      JavalinTest.test(
          IngestServer.createApp(IngestOptions.defaults(), TestDeps.of(keys::authenticate, sink)),
          (server, client) -> {
            assertThat(post(client, "/v1/logs", queryKey, "{}").code()).isEqualTo(403);
            assertThat(post(client, "/v1/logs", ingestKey + "x", "{}").code()).isEqualTo(401);
            assertThat(post(client, "/v1/logs", ingestKey, "{}").code()).isEqualTo(200);
          });
      assertThat(sink.batches).hasSize(1);
      assertThat(sink.batches.get(0).projectId()).isEqualTo(project.id());
    }
  }

  @Test
  void deadKafkaIs503WithinSeconds() {
    KeyAuthenticator keys = new KeyAuthenticator(keyStore, Duration.ofSeconds(10));
    // Nothing listens on port 1: metadata never arrives, send() gives up after max.block.ms.
    try (KafkaEventSink sink = KafkaEventSink.create("127.0.0.1:1", TOPIC)) {
      JavalinTest.test(
          IngestServer.createApp(IngestOptions.defaults(), TestDeps.of(keys::authenticate, sink)),
          (server, client) -> {
            Instant start = Instant.now();
            Response response = post(client, "/v1/logs", ingestKey, "{\"msg\":\"lost?\"}");
            Duration took = Duration.between(start, Instant.now());
            assertThat(response.code()).isEqualTo(503);
            assertThat(response.header("Retry-After")).isNotBlank();
            assertThat(took).isLessThan(Duration.ofSeconds(15));
          });
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumerAtEnd() {
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                BOOTSTRAP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(TOPIC, Duration.ofSeconds(10)).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    assertThat(partitions).as("partitions of topic %s", TOPIC).isNotEmpty();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolve the end offsets now, before posting
    return consumer;
  }

  private static List<ConsumerRecord<byte[], byte[]>> pollUntil(
      KafkaConsumer<byte[], byte[]> consumer, String stream, int count, Duration timeout) {
    List<ConsumerRecord<byte[], byte[]>> matching = new ArrayList<>();
    Instant deadline = Instant.now().plus(timeout);
    while (matching.size() < count && Instant.now().isBefore(deadline)) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        if (stream.equals(header(record, "devlogs-stream"))) {
          matching.add(record);
        }
      }
    }
    assertThat(matching).as("records of stream %s within %s", stream, timeout).hasSize(count);
    return matching;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), UTF_8);
  }
}
