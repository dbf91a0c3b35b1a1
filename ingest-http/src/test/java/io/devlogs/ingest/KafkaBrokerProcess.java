package io.devlogs.ingest;

import io.devlogs.testing.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A single-node KRaft Kafka broker of its own, in a separate JVM started from the test classpath
 * ({@code kafka_2.13} is a test dependency), on free ports with its own data directory, so a test
 * can kill and restart it without touching the shared stack's broker. {@link #kill()} is a SIGKILL;
 * {@link #start()} again reuses the same ports and data.
 */
final class KafkaBrokerProcess implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final Path dir;
  private final int port;
  private final int controllerPort;
  private final Path config;
  private Process process;

  KafkaBrokerProcess() throws IOException {
    this.dir = Files.createTempDirectory("devlogs-kafka-");
    this.port = freePort();
    this.controllerPort = freePort();
    this.config = dir.resolve("server.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "log.dirs=" + dir.resolve("logs"),
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=false",
            ""));
    String clusterId = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    Process format =
        java("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString())
            .redirectOutput(dir.resolve("format.log").toFile())
            .start();
    try {
      if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
        format.destroyForcibly();
        throw new IllegalStateException(
            "formatting the Kafka storage failed; see " + dir.resolve("format.log"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** Starts the broker JVM (again) and returns once it answers metadata requests. */
  void start() throws IOException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("the broker is already running");
    }
    process =
        java("kafka.Kafka", config.toString())
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()))
            .start();
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    try (Admin admin = admin()) {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "the broker exited with "
                  + process.exitValue()
                  + "; see "
                  + dir.resolve("broker.log"));
        }
        try {
          admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
          return;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
          if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException(
                "the broker did not answer within " + READY_TIMEOUT + "; see " + dir, e);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  /** SIGKILL, as a crash would; returns once the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the broker did not die within 30 s");
    }
  }

  /** Creates a topic and waits until every partition has a leader. */
  void createTopic(String topic, int partitions) throws Exception {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
      Poll.until(
          Duration.ofSeconds(30),
          () ->
              admin
                  .describeTopics(Set.of(topic))
                  .allTopicNames()
                  .get()
                  .get(topic)
                  .partitions()
                  .stream()
                  .allMatch(p -> p.leader() != null),
          allHaveLeaders -> allHaveLeaders,
          "a leader for every partition of topic " + topic);
    }
  }

  private Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
  }

  private ProcessBuilder java(String mainClass, String... args) {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command =
        Stream.concat(
                Stream.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms256m",
                    "-Xmx512m",
                    "-cp",
                    classpath,
                    mainClass),
                Stream.of(args))
            .toList();
    return new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      kill();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(KafkaBrokerProcess::delete);
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
