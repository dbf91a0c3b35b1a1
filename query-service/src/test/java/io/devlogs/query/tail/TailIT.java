package io.devlogs.query.tail;

import static io.devlogs.query.support.QueryApi.enc;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devlogs.flink.records.Level;
import io.devlogs.query.QueryServer;
import io.devlogs.query.support.IngestApi;
import io.devlogs.query.support.TailClient;
import io.devlogs.query.support.TestDeps;
import io.devlogs.query.support.TestProject;
import io.devlogs.query.support.TestProjects;
import io.devlogs.settings.Settings;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import io.devlogs.testing.Poll;
import io.devlogs.topics.ParsedEvent;
import io.devlogs.topics.ParsedEventJson;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Live tail against the real local stack: events posted through the running ingest service and
 * Flink job reach the sockets of their project whose filters match, through the job's parsed-events
 * topic; a client that stops reading is dropped (own topic, fed directly, so its volume is known).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LocalStackExtension.class)
class TailIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Through ingest and the job: a deadline for a loaded machine, not an expectation. */
  private static final Duration PIPELINE = Duration.ofSeconds(90);

  /** Events produced at once in the stalled-client test, fewer than a socket's queue holds. */
  private static final int CHUNK = 10;

  private static final Duration QUIET = Duration.ofSeconds(1);
  private static final String HOSTILE = "' OR '1'='1";

  private final LocalStack stack;
  private final Settings settings;
  private final TailOptions options;
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  private final TestProjects projects;
  private TestProject projectA;
  private TestProject projectB;
  private String queryKeyA;
  private String queryKeyB;
  private String ingestKeyA;
  private String ingestKeyB;

  TailIT(LocalStack stack) {
    this.stack = stack;
    this.settings = stack.settings();
    this.options = TailOptions.from(settings);
    this.projects = new TestProjects(stack);
  }

  @BeforeAll
  void createProjects() {
    projectA = projects.create("it-tail-a");
    projectB = projects.create("it-tail-b");
    queryKeyA = projectA.queryKey();
    queryKeyB = projectB.queryKey();
    ingestKeyA = projectA.ingestKey();
    ingestKeyB = projectB.ingestKey();
  }

  private Javalin app(TailHub hub) {
    return QueryServer.createApp(TestDeps.withProjectKeys(projects.keyStore()).withTail(hub));
  }

  @Test
  void postedEventsReachTheMatchingSocketsOfTheirProjectOnly() {
    TailHub hub = TailHub.overKafka(options);
    String needle = "needle-" + run;
    JavalinTest.test(
        app(hub),
        (server, client) -> {
          String origin = client.getOrigin();
          try (TailClient errorsOfA =
                  TailClient.withHeader(
                      origin, "level=error,fatal&q=" + enc(needle) + "&attr.order=17", queryKeyA);
              TailClient allOfB = TailClient.withAuthMessage(origin, "", queryKeyB);
              TailClient hostileOfA =
                  TailClient.withHeader(
                      origin, "service=" + enc(HOSTILE) + "&q=" + enc("%"), queryKeyA)) {
            for (TailClient tail : List.of(errorsOfA, allOfB, hostileOfA)) {
              assertThat(tail.next(Duration.ofSeconds(30), "ready").path("type").asText())
                  .isEqualTo("ready");
            }

            // One request per project: within a project the parsed topic keeps this order.
            post(
                ingestKeyA,
                event("a-info-" + run, "info", needle + " fine", "17"),
                event("a-other-order-" + run, "error", needle + " other order", "18"),
                event("a-error-" + run, "error", needle + " payment failed", "17"));
            post(ingestKeyB, event("b-error-" + run, "error", needle + " in B", "17"));

            JsonNode received = errorsOfA.next(PIPELINE, "A's matching error event");
            assertThat(received.path("type").asText()).isEqualTo("event");
            JsonNode event = received.path("event");
            assertThat(event.path("id").asText()).isEqualTo("a-error-" + run);
            assertThat(event.path("level").asText()).isEqualTo("ERROR");
            assertThat(event.path("service").asText()).isEqualTo("checkout");
            assertThat(event.path("message").asText()).isEqualTo(needle + " payment failed");
            assertThat(event.path("attributes").path("order").asText()).isEqualTo("17");
            assertThat(event.path("timestamp").asText()).matches(".*\\.\\d{9}Z");

            JsonNode ofB = allOfB.next(PIPELINE, "B's event");
            assertThat(ofB.path("event").path("id").asText()).isEqualTo("b-error-" + run);

            assertThat(errorsOfA.poll(QUIET)).as("nothing else for A's filtered socket").isNull();
            assertThat(allOfB.poll(QUIET)).as("none of A's events for B").isNull();
            assertThat(hostileOfA.poll(QUIET)).as("an injection-looking filter is text").isNull();
          }
          Poll.until(Duration.ofSeconds(10), () -> hub.stats().open() == 0, "sockets closed");
        });
    hub.close();
  }

  @Test
  void aClientThatStopsReadingIsDroppedAndTheOthersGetEverything() throws Exception {
    String topic = "it-tail-" + run;
    createTopic(topic);
    int capacity = 20;
    int events = 200;
    assertThat(CHUNK).isLessThan(capacity);
    TailHub hub =
        TailHub.overKafka(
            new TailOptions(
                options.bootstrapServers(),
                topic,
                new TailLimits(capacity, 64 * 1024 * 1024, 5, 10),
                Duration.ofSeconds(30)));
    JavalinTest.test(
        app(hub),
        (server, client) -> {
          try (TailClient reader = TailClient.withHeader(client.getOrigin(), "", queryKeyA);
              Socket stalled = rawUpgrade(server.port(), queryKeyA)) {
            assertThat(reader.next(Duration.ofSeconds(30), "ready").path("type").asText())
                .isEqualTo("ready");
            Poll.until(
                Duration.ofSeconds(10), () -> hub.stats().open() == 2, "both sockets subscribed");

            // 200 events of 50 KB, far more than the kernel's socket buffers (4 MB) hold, sent in
            // chunks the reading client takes in full before the next: its queue never holds more
            // than one chunk, while the stalled client's grows until it is dropped.
            List<String> ids = new ArrayList<>();
            for (int first = 0; first < events; first += CHUNK) {
              produce(topic, projectA.id(), first, CHUNK, 50_000);
              while (ids.size() < first + CHUNK) {
                JsonNode message = reader.next(Duration.ofSeconds(60), "event " + ids.size());
                assertThat(message.path("type").asText()).isEqualTo("event");
                ids.add(message.path("event").path("id").asText());
              }
            }
            Poll.until(
                Duration.ofSeconds(60),
                () -> hub.stats().dropped() == 1,
                "the stalled client drop");
            assertThat(hub.stats().open()).isEqualTo(1);
            assertThat(ids).doesNotHaveDuplicates().first().isEqualTo("big-0");
            assertThat(ids).last().isEqualTo("big-" + (events - 1));
            assertThat(hub.stats().dropped())
                .as("the reading client was never dropped")
                .isEqualTo(1);
            assertThat(closedByServer(stalled, Duration.ofSeconds(30)))
                .as("the stalled socket is cut off")
                .isTrue();
          }
        });
    hub.close();
    deleteTopic(topic);
  }

  /**
   * The job writes the parsed topic in transactions and, after a failure, aborts the open one and
   * writes its events again: the tail shows them before the commit, and the second copies not at
   * all.
   */
  @Test
  void eventsOfAnAbortedTransactionAreShownAtOnceAndTheirReplayIsNot() throws Exception {
    String topic = "it-tail-abort-" + run;
    createTopic(topic);
    TailHub hub =
        TailHub.overKafka(
            new TailOptions(
                options.bootstrapServers(), topic, options.limits(), Duration.ofSeconds(30)));
    JavalinTest.test(
        app(hub),
        (server, client) -> {
          try (TailClient tail = TailClient.withHeader(client.getOrigin(), "", queryKeyA);
              KafkaProducer<String, byte[]> job = transactionalProducer("it-tail-abort-" + run)) {
            assertThat(tail.next(Duration.ofSeconds(30), "ready").path("type").asText())
                .isEqualTo("ready");
            job.initTransactions();
            job.beginTransaction();
            sendParsed(job, topic, "first-0", "first-1", "first-2");
            job.flush();
            assertThat(nextIds(tail, 3))
                .as("shown while their transaction is open")
                .containsExactly("first-0", "first-1", "first-2");

            job.abortTransaction();
            job.beginTransaction();
            sendParsed(job, topic, "first-0", "first-1", "first-2", "then-3", "then-4");
            job.commitTransaction();
            assertThat(nextIds(tail, 2))
                .as("the replayed events are not shown again, the new ones in order")
                .containsExactly("then-3", "then-4");
            assertThat(tail.poll(QUIET)).as("nothing shown twice").isNull();
          }
        });
    hub.close();
    deleteTopic(topic);
  }

  // --- helpers -------------------------------------------------------------------------------

  private ObjectNode event(String id, String level, String message, String order) {
    ObjectNode event = JSON.createObjectNode();
    event.put("id", id);
    event.put("ts", Instant.now().toString());
    event.put("level", level);
    event.put("service", "checkout");
    event.put("stream", "tail-" + run);
    event.put("msg", message);
    event.put("order", order);
    return event;
  }

  private void post(String ingestKey, ObjectNode... events) throws Exception {
    StringBuilder ndjson = new StringBuilder();
    for (ObjectNode event : events) {
      ndjson.append(JSON.writeValueAsString(event)).append('\n');
    }
    IngestApi.post(stack, ingestKey, ndjson.toString());
  }

  /**
   * A WebSocket upgrade on a plain socket with a 4 KB receive buffer, after which the test never
   * reads again.
   */
  private static Socket rawUpgrade(int port, String key) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET /v1/tail HTTP/1.1\r\n"
                + "Host: 127.0.0.1:"
                + port
                + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Authorization: Bearer "
                + key
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    socket.setSoTimeout(10_000);
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed during the upgrade: " + head);
      }
      head.append((char) b);
    }
    assertThat(head.toString()).startsWith("HTTP/1.1 101");
    return socket;
  }

  /** Reads what the server had sent until the connection ends; false if it is still open. */
  private static boolean closedByServer(Socket socket, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    socket.setSoTimeout(1000);
    byte[] buffer = new byte[65536];
    InputStream in = socket.getInputStream();
    while (System.nanoTime() < deadline) {
      try {
        if (in.read(buffer) < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        // Still open and quiet; keep waiting until the deadline.
      } catch (IOException e) {
        return true; // reset by the server
      }
    }
    return false;
  }

  private Properties kafka() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    return p;
  }

  private void createTopic(String topic) throws Exception {
    try (Admin admin = Admin.create(kafka())) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
  }

  private void deleteTopic(String topic) throws Exception {
    try (Admin admin = Admin.create(kafka())) {
      admin.deleteTopics(Set.of(topic)).all().get();
    }
  }

  private List<String> nextIds(TailClient tail, int count) throws Exception {
    List<String> ids = new ArrayList<>();
    while (ids.size() < count) {
      JsonNode message = tail.next(Duration.ofSeconds(30), "event " + ids.size());
      assertThat(message.path("type").asText()).isEqualTo("event");
      ids.add(message.path("event").path("id").asText());
    }
    return ids;
  }

  /** A producer that writes the parsed topic as the job does: in transactions. */
  private KafkaProducer<String, byte[]> transactionalProducer(String transactionalId) {
    Properties p = kafka();
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  private void sendParsed(KafkaProducer<String, byte[]> producer, String topic, String... ids) {
    long at = System.currentTimeMillis();
    for (String id : ids) {
      ParsedEvent event =
          new ParsedEvent(
              id,
              projectA.id(),
              at * 1_000_000L,
              Level.INFO,
              "tail",
              "tail",
              id,
              Map.of(),
              at,
              64,
              30);
      producer.send(new ProducerRecord<>(topic, projectA.id(), ParsedEventJson.write(event)));
    }
  }

  /** Parsed events as the job writes them, keyed by project, with a message of {@code size}. */
  private void produce(String topic, String projectId, int first, int count, int size)
      throws Exception {
    Properties p = kafka();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
      String filler = "x".repeat(size);
      long at = Instant.parse("2024-05-03T10:00:00Z").toEpochMilli();
      for (int i = first; i < first + count; i++) {
        ParsedEvent event =
            new ParsedEvent(
                "big-" + i,
                projectId,
                at * 1_000_000L,
                Level.INFO,
                "bulk",
                "bulk",
                filler,
                Map.of(),
                at,
                size,
                30);
        producer.send(new ProducerRecord<>(topic, projectId, ParsedEventJson.write(event)));
      }
      producer.flush();
    }
  }
}
