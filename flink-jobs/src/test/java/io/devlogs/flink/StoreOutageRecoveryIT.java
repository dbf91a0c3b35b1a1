package io.devlogs.flink;

import static io.devlogs.flink.StackClients.bytes;
import static io.devlogs.flink.StackClients.producer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.records.RawLogRecord;
import io.devlogs.flink.sources.RawLogSource;
import io.devlogs.testing.Poll;
import io.devlogs.testing.TcpProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How fast the job delivers again once a store is back, with the restart strategy and checkpoint
 * interval of the cluster's {@code flink-conf/config.yaml}: the whole job on a MiniCluster, with
 * one store (ClickHouse or Cassandra) reached through a {@link TcpProxy}, so the store can be
 * "down" for this job alone while the shared server keeps serving everyone else. Events flow
 * steadily; the proxy is cut for {@link #OUTAGE}, long enough for the job to fail and back off
 * several times if that store's sink fails the job (the ClickHouse sink waits an outage out
 * instead), then restored. The test measures the time from the store's return to the job RUNNING
 * with all its tasks and to its first commit of new events to ClickHouse, and asserts the latter
 * stays within the backoff cap plus a restart and two checkpoint intervals; afterwards ClickHouse
 * holds every event once.
 */
class StoreOutageRecoveryIT {
  private static final Path CLUSTER_CONFIG = Path.of("..", "flink-conf");
  private static final int PARTITIONS = 2;
  private static final int EVENTS_PER_TICK = 20; // every 100 ms: 200 events/s
  // Like the drills of issue 12 (stores stopped 60 s), shorter: the backoff reaches its cap of
  // 4 s after three failures.
  private static final Duration OUTAGE = Duration.ofSeconds(30);

  /** The store the test takes away, and how the job's options point at it through the proxy. */
  enum Store {
    CLICKHOUSE(PipelineOptions.CLICKHOUSE_URL),
    CASSANDRA(PipelineOptions.CASSANDRA_CONTACT_POINTS);

    final String option;

    Store(String option) {
      this.option = option;
    }

    URI address(PipelineOptions options) {
      return this == CLICKHOUSE
          ? URI.create(options.clickhouseUrl().substring("jdbc:".length()))
          : URI.create(
              "cql://"
                  + options.cassandraContactPoints().get(0).host()
                  + ":"
                  + options.cassandraContactPoints().get(0).port());
    }

    String through(PipelineOptions options, int proxyPort) {
      URI address = address(options);
      String proxied = "127.0.0.1:" + proxyPort;
      return this == CLICKHOUSE
          ? options.clickhouseUrl().replace(address.getHost() + ":" + address.getPort(), proxied)
          : proxied;
    }
  }

  private static final Duration DEADLINE = Duration.ofSeconds(240);
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(PARTITIONS)
              .build());

  private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final String project = "p_so" + suffix;
  private final ExecutorService producing = Executors.newSingleThreadExecutor();
  private final AtomicBoolean stopProducing = new AtomicBoolean();
  private final AtomicLong produced = new AtomicLong();
  private PipelineOptions direct;
  private TcpProxy proxy;
  private JobClient job;

  private void start(Store store) throws Exception {
    Map<String, String> values = LocalStackSettings.connections();
    values.put(PipelineOptions.KAFKA_RAW_TOPIC, "devlogs-it-so-raw-" + suffix);
    values.put(PipelineOptions.KAFKA_DEAD_LETTER_TOPIC, "devlogs-it-so-dlq-" + suffix);
    values.put(PipelineOptions.KAFKA_PARSED_TOPIC, "devlogs-it-so-parsed-" + suffix);
    values.put(
        PipelineOptions.KAFKA_DEAD_LETTER_TRANSACTIONAL_ID_PREFIX, "devlogs-it-so-" + suffix);
    values.put(
        PipelineOptions.KAFKA_PARSED_TRANSACTIONAL_ID_PREFIX, "devlogs-it-so-parsed-" + suffix);
    direct = PipelineOptions.fromMap(values);
    URI address = store.address(direct);
    proxy = TcpProxy.to(address.getHost(), address.getPort());
    values.put(store.option, store.through(direct, proxy.port()));
    PipelineOptions proxied = PipelineOptions.fromMap(values);
    StackClients.createTopics(
        direct, PARTITIONS, direct.rawTopic(), direct.parsedTopic(), direct.deadLetterTopic());

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.configure(failureHandlingOfTheCluster());
    env.setParallelism(PARTITIONS);
    LogPipelineJob.configure(env, proxied);
    LogPipelineJob.build(
        env,
        RawLogSource.builder(proxied)
            .setGroupId("devlogs-it-so-" + suffix)
            .setStartingOffsets(OffsetsInitializer.earliest())
            .build(),
        LogPipelineJob.realSinks(proxied),
        proxied);
    job = env.executeAsync("devlogs-store-outage-it-" + store + "-" + suffix);
    producing.submit(this::produceSteadily);
  }

  /**
   * The restart strategy and checkpoint settings of the cluster's config.yaml, read by Flink from a
   * copy rendered as bin/devlogs renders it ({@code @DEVLOGS_HOME@} replaced).
   */
  private static Configuration failureHandlingOfTheCluster() throws Exception {
    Path rendered = Files.createTempDirectory("devlogs-flink-conf");
    Files.writeString(
        rendered.resolve("config.yaml"),
        Files.readString(CLUSTER_CONFIG.resolve("config.yaml"))
            .replace("@DEVLOGS_HOME@", rendered.toString()));
    Configuration cluster = GlobalConfiguration.loadConfiguration(rendered.toString());
    Configuration conf = new Configuration();
    cluster.toMap().entrySet().stream()
        .filter(
            e ->
                e.getKey().startsWith("restart-strategy")
                    || e.getKey().equals("execution.checkpointing.tolerable-failed-checkpoints")
                    || e.getKey().equals("execution.checkpointing.interval"))
        .forEach(e -> conf.setString(e.getKey(), e.getValue()));
    assertThat(conf.toMap()).as("failure handling of %s", CLUSTER_CONFIG).isNotEmpty();
    return conf;
  }

  @AfterEach
  void tearDown() throws Exception {
    stopProducing.set(true);
    producing.shutdown();
    producing.awaitTermination(30, TimeUnit.SECONDS);
    if (proxy == null) {
      return;
    }
    proxy.restore();
    if (job != null && !job.getJobStatus().get().isGloballyTerminalState()) {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
    proxy.close();
    StackClients.deleteTopics(
        direct, direct.rawTopic(), direct.parsedTopic(), direct.deadLetterTopic());
  }

  @ParameterizedTest
  @EnumSource(Store.class)
  void theJobCommitsAgainWithinSecondsOfTheStoreComingBack(
      Store store, @InjectClusterClient RestClusterClient<?> client) throws Exception {
    start(store);
    String rest = client.getWebInterfaceURL() + "/jobs/" + job.getJobID();
    Poll.until(DEADLINE, this::clickHouseCount, n -> n > 0, "the first committed events");

    int failuresBefore = failures(rest);
    proxy.cut();
    TimeUnit.MILLISECONDS.sleep(OUTAGE.toMillis()); // the fault's length, not a synchronisation
    long committedAtReturn = clickHouseCount();
    int failuresDuringOutage = failures(rest) - failuresBefore;
    proxy.restore();
    Instant backAt = Instant.now();
    Poll.until(
        DEADLINE, Duration.ofMillis(100), () -> allTasksRunning(rest), r -> r, "tasks running");
    Duration running = Duration.between(backAt, Instant.now());
    Poll.until(
        DEADLINE,
        Duration.ofMillis(100),
        this::clickHouseCount,
        n -> n > committedAtReturn,
        "new events committed to ClickHouse");
    Duration committing = Duration.between(backAt, Instant.now());
    System.out.printf(
        "[store-outage] %s away %.0f s (%d job failures during it); back -> all tasks RUNNING"
            + " %.1f s, -> first commit %.1f s%n",
        store,
        OUTAGE.toMillis() / 1e3,
        failuresDuringOutage,
        running.toMillis() / 1e3,
        committing.toMillis() / 1e3);

    // The cap of the backoff, a restart, and the checkpoint that commits (at most two intervals).
    assertThat(committing).isLessThan(Duration.ofSeconds(35));
    stopProducing.set(true);
    producing.shutdown();
    producing.awaitTermination(30, TimeUnit.SECONDS);
    long total = produced.get();
    Poll.until(DEADLINE, this::clickHouseCount, n -> n >= total, total + " events in ClickHouse");
    assertThat(clickHouseCount()).as("ClickHouse events, no FINAL").isEqualTo(total);
    assertThat(
            clickHouseLong(
                "SELECT uniqExact(event_id) FROM events WHERE project = '" + project + "'"))
        .as("distinct ids")
        .isEqualTo(total);
  }

  private void produceSteadily() {
    try (KafkaProducer<byte[], byte[]> producer = producer(direct)) {
      long n = 0;
      while (!stopProducing.get()) {
        Instant now = Instant.now();
        for (int i = 0; i < EVENTS_PER_TICK; i++, n++) {
          String value =
              "{\"id\":\"so-"
                  + n
                  + "\",\"ts\":\""
                  + now
                  + "\",\"level\":\"info\",\"msg\":\"e "
                  + n
                  + "\"}";
          ProducerRecord<byte[], byte[]> record =
              new ProducerRecord<>(
                  direct.rawTopic(),
                  (int) (n % PARTITIONS),
                  bytes(project),
                  value.getBytes(StandardCharsets.UTF_8));
          record.headers().add(RawLogRecord.HEADER_PROJECT, bytes(project));
          record
              .headers()
              .add(RawLogRecord.HEADER_RECEIVED_MS, bytes(Long.toString(now.toEpochMilli())));
          record.headers().add(RawLogRecord.HEADER_FORMAT, bytes("json"));
          record.headers().add(RawLogRecord.HEADER_SERVICE, bytes("so-it"));
          producer.send(record).get();
        }
        produced.addAndGet(EVENTS_PER_TICK);
        TimeUnit.MILLISECONDS.sleep(100); // the load's pace, not synchronisation
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Failures the job restarted from (its exception history, newest first, up to 16 kept). */
  private static int failures(String rest) throws Exception {
    return get(rest + "/exceptions").path("exceptionHistory").path("entries").size();
  }

  private static boolean allTasksRunning(String rest) throws Exception {
    JsonNode job = get(rest);
    if (!job.path("state").asText().equals("RUNNING")) {
      return false;
    }
    for (JsonNode vertex : job.path("vertices")) {
      if (!vertex.path("status").asText().equals("RUNNING")) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode get(String url) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  private long clickHouseCount() throws Exception {
    return clickHouseLong("SELECT count() FROM events WHERE project = '" + project + "'");
  }

  private long clickHouseLong(String sql) throws Exception {
    try (Connection c = StackClients.clickHouse(direct);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
