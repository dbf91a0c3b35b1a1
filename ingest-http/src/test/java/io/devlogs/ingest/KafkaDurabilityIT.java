package io.devlogs.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.ingest.kafka.KafkaEventSink;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.projects.Project;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.projects.Scope;
import io.devlogs.settings.Settings;
import io.devlogs.testing.Poll;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Durability of ingest while its Kafka broker dies: concurrent clients post batches to a real
 * ingest app (in this JVM, keys in the local PostgreSQL) that writes to a broker of the test's own
 * ({@link KafkaBrokerProcess}), which is SIGKILLed mid-run and started again on the same data.
 *
 * <p>Every event carries a unique {@code id} and the {@code attempt} of its request. A client
 * retries a request that got 503 (after its {@code Retry-After}) with the next attempt number,
 * until it gets 200. Proven: every (id, attempt) of a 200 is in the topic exactly once; every id
 * got a 200 in the end; records of failed attempts that Kafka kept anyway appear at most once each
 * (they are the retry's duplicates, which the job collapses by id); nothing else is there; and
 * every 503 came within ingest's bounded wait.
 */
class KafkaDurabilityIT {

  private static final Settings SETTINGS = Settings.fromEnvironment(new String[0]);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CLIENTS = 4;
  private static final int EVENTS_PER_REQUEST = 200;
  private static final long EVENTS_BEFORE_KILL = 20_000;
  private static final long EVENTS_AFTER_RESTART = 20_000;
  private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(60);

  /** What the clients saw; (id, attempt) pairs as "id#attempt". */
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

  private final Set<String> failedAttempts = ConcurrentHashMap.newKeySet();
  private final Set<String> ids = ConcurrentHashMap.newKeySet();
  private final AtomicLong acknowledgedEvents = new AtomicLong();
  private final AtomicInteger unavailable = new AtomicInteger();
  private final AtomicLong slowestErrorMillis = new AtomicLong();
  private final AtomicBoolean stop = new AtomicBoolean();

  @Test
  void everyAcknowledgedEventIsInKafkaExactlyOnceAcrossABrokerCrash() throws Exception {
    String topic = "durability-it-" + UUID.randomUUID();
    Instant started = Instant.now();
    ProjectsDatabase database = ProjectsDatabase.connect(SETTINGS);
    ApiKeyStore keyStore = new ApiKeyStore(database);
    try (KafkaBrokerProcess broker = new KafkaBrokerProcess()) {
      Project project =
          new ProjectStore(database).createProject("durability-it-" + UUID.randomUUID());
      String key = keyStore.issueKey(project.id(), Scope.INGEST);
      broker.start();
      broker.createTopic(topic, 2);
      progress(started, "own broker at " + broker.bootstrapServers() + ", topic " + topic);

      Javalin app;
      try (KafkaEventSink sink = KafkaEventSink.create(broker.bootstrapServers(), topic)) {
        app =
            IngestServer.createApp(
                IngestOptions.defaults(),
                TestDeps.of(
                    new KeyAuthenticator(keyStore, Duration.ofSeconds(10))::authenticate, sink));
        app.start("127.0.0.1", 0);
        URI uri = URI.create("http://127.0.0.1:" + app.port() + "/v1/logs");
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
          List<Future<?>> running = new ArrayList<>();
          for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            running.add(clients.submit(() -> postUntilStopped(uri, key, client)));
          }
          awaitProgress(
              started,
              "acknowledged before the kill",
              () -> acknowledgedEvents.get() >= EVENTS_BEFORE_KILL);
          broker.kill();
          long atKill = acknowledgedEvents.get();
          progress(started, "broker SIGKILLed after " + atKill + " acknowledged events");
          awaitProgress(
              started, "ingest answered 503 (one per client)", () -> unavailable.get() >= CLIENTS);
          broker.start();
          long atRestart = acknowledgedEvents.get();
          progress(started, "broker restarted; " + unavailable.get() + " answers were 503 so far");
          awaitProgress(
              started,
              "acknowledged after the restart",
              () -> acknowledgedEvents.get() >= atRestart + EVENTS_AFTER_RESTART);
          stop.set(true);
          for (Future<?> client : running) {
            client.get(PHASE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
          }
        } finally {
          stop.set(true);
          clients.shutdownNow();
        }
        app.stop();
      }
      progress(
          started,
          acknowledgedEvents.get() + " events acknowledged, " + unavailable.get() + " 503 answers");

      Map<String, Integer> inKafka = readTopic(broker.bootstrapServers(), topic);
      progress(started, inKafka.size() + " distinct (id, attempt) records read back");

      assertThat(unavailable.get()).as("503 answers while the broker was down").isPositive();
      assertThat(slowestErrorMillis.get())
          .as("slowest 503 (ms)")
          .isLessThan(KafkaEventSink.DEFAULT_SEND_TIMEOUT.plusSeconds(3).toMillis());
      Map<String, Integer> ackedCounts = new HashMap<>();
      for (String pair : acknowledged) {
        ackedCounts.put(pair, inKafka.getOrDefault(pair, 0));
      }
      assertThat(ackedCounts.entrySet().stream().filter(e -> e.getValue() != 1).limit(10).toList())
          .as("acknowledged (id#attempt) not in Kafka exactly once, of %d", acknowledged.size())
          .isEmpty();
      Set<String> idsAcknowledged = ConcurrentHashMap.newKeySet();
      acknowledged.forEach(pair -> idsAcknowledged.add(pair.substring(0, pair.indexOf('#'))));
      assertThat(idsAcknowledged).as("every posted id got a 200 in the end").isEqualTo(ids);
      long keptFromFailed = failedAttempts.stream().filter(inKafka::containsKey).count();
      assertThat(failedAttempts.stream().filter(pair -> inKafka.getOrDefault(pair, 0) > 1).toList())
          .as("records of failed attempts written more than once")
          .isEmpty();
      assertThat(
              inKafka.keySet().stream()
                  .filter(pair -> !acknowledged.contains(pair) && !failedAttempts.contains(pair))
                  .toList())
          .as("records nobody posted")
          .isEmpty();
      progress(
          started,
          "proven: "
              + acknowledged.size()
              + " acknowledged events exactly once; "
              + keptFromFailed
              + " of "
              + failedAttempts.size()
              + " events of failed attempts were kept by Kafka (retry duplicates, same id)");
    }
  }

  /** One client: posts batches of new events, retrying each after a 503 until it gets a 200. */
  private void postUntilStopped(URI uri, String key, int client) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (int batch = 0; !stop.get(); batch++) {
      List<String> batchIds = new ArrayList<>();
      for (int i = 0; i < EVENTS_PER_REQUEST; i++) {
        batchIds.add("c" + client + "-b" + batch + "-e" + i);
      }
      ids.addAll(batchIds);
      Instant deadline = Instant.now().plus(PHASE_TIMEOUT.multipliedBy(2));
      for (int attempt = 1; ; attempt++) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("client " + client + " could not deliver batch " + batch);
        }
        StringBuilder body = new StringBuilder();
        for (String id : batchIds) {
          body.append("{\"id\":\"")
              .append(id)
              .append("\",\"attempt\":")
              .append(attempt)
              .append(",\"level\":\"INFO\",\"msg\":\"durability test event\"}\n");
        }
        Instant sent = Instant.now();
        HttpResponse<String> response = send(http, uri, key, body.toString());
        int status = response.statusCode();
        int attemptNumber = attempt;
        if (status == 200) {
          batchIds.forEach(id -> acknowledged.add(id + "#" + attemptNumber));
          acknowledgedEvents.addAndGet(batchIds.size());
          break;
        }
        if (status != 503) {
          throw new IllegalStateException("unexpected answer " + status + ": " + response.body());
        }
        unavailable.incrementAndGet();
        slowestErrorMillis.accumulateAndGet(
            Duration.between(sent, Instant.now()).toMillis(), Math::max);
        batchIds.forEach(id -> failedAttempts.add(id + "#" + attemptNumber));
        String retryAfter = response.headers().firstValue("Retry-After").orElseThrow();
        honourRetryAfter(retryAfter);
      }
    }
  }

  private static HttpResponse<String> send(HttpClient http, URI uri, String key, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("ingest did not answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Counts the records of the topic by "id#attempt", reading every partition to its end. */
  private static Map<String, Integer> readTopic(String bootstrap, String topic) throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5_000),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Instant deadline = Instant.now().plus(PHASE_TIMEOUT);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        assertThat(Instant.now()).as("reading the topic back").isBefore(deadline);
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          JsonNode event = JSON.readTree(new String(record.value(), UTF_8));
          counts.merge(
              event.get("id").asText() + "#" + event.get("attempt").asInt(), 1, Integer::sum);
        }
      }
    }
    return counts;
  }

  private void awaitProgress(Instant started, String what, BooleanSupplier done) {
    Instant[] nextReport = {Instant.now().plusSeconds(5)};
    Poll.until(
        PHASE_TIMEOUT,
        () -> {
          if (Instant.now().isAfter(nextReport[0])) {
            progress(
                started,
                "waiting until "
                    + what
                    + ": "
                    + acknowledgedEvents.get()
                    + " acknowledged, "
                    + unavailable.get()
                    + " 503s");
            nextReport[0] = Instant.now().plusSeconds(5);
          }
          return done.getAsBoolean();
        },
        what);
  }

  /** What a well-behaved client does before retrying: wait as long as the server asked. */
  private static void honourRetryAfter(String retryAfterSeconds) {
    LockSupport.parkNanos(Duration.ofSeconds(Long.parseLong(retryAfterSeconds)).toNanos());
  }

  private static void progress(Instant started, String message) {
    System.out.printf(
        "[KafkaDurabilityIT +%ds] %s%n",
        Duration.between(started, Instant.now()).toSeconds(), message);
  }
}
