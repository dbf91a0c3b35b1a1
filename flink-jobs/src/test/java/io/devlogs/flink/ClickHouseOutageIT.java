package io.devlogs.flink;

import static io.devlogs.flink.StackClients.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.sources.RawLogSource;
import io.devlogs.testing.Poll;
import io.devlogs.testing.TcpProxy;
import io.devlogs.topics.RawRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * While ClickHouse is unreachable, the pipeline goes on: Cassandra keeps receiving events and
 * checkpoints keep completing, and once ClickHouse is back every event is in it exactly once,
 * within seconds, without a single job failure. ClickHouse is cut with a {@link TcpProxy} in front
 * of the local stack's server (connections reset, new ones refused), so the shared server keeps
 * running for everyone else.
 */
class ClickHouseOutageIT {

  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final String STREAM = "outage";
  private static final int BEFORE = 500;
  private static final int DURING = 1_500;

  @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusterTier.withSlots(1);

  private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final String project = "p_outage" + suffix;
  private final Instant base = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  private TcpProxy clickHouse;
  private PipelineOptions options;
  private PipelineOptions direct;
  private JobClient job;

  @BeforeEach
  void setUp() throws Exception {
    Map<String, String> values = new java.util.HashMap<>();
    direct = TestOptions.options(values);
    URI real = URI.create(direct.clickhouse().url().substring("jdbc:".length()));
    clickHouse = TcpProxy.to(real.getHost(), real.getPort());
    values.put(
        io.devlogs.settings.keys.ClickHouseKeys.URL.key(),
        "jdbc:clickhouse://127.0.0.1:" + clickHouse.port() + real.getPath());
    values.put(
        io.devlogs.settings.keys.KafkaKeys.RAW_TOPIC.key(), "devlogs-it-outage-raw-" + suffix);
    values.put(
        io.devlogs.settings.keys.KafkaKeys.DEAD_LETTER_TOPIC.key(),
        "devlogs-it-outage-dlq-" + suffix);
    values.put(
        io.devlogs.settings.keys.KafkaKeys.PARSED_TOPIC.key(),
        "devlogs-it-outage-parsed-" + suffix);
    values.put(
        io.devlogs.settings.keys.KafkaKeys.DEAD_LETTER_TRANSACTIONAL_ID_PREFIX.key(),
        "outage-dl-" + suffix);
    values.put(
        io.devlogs.settings.keys.KafkaKeys.PARSED_TRANSACTIONAL_ID_PREFIX.key(),
        "outage-parsed-" + suffix);
    values.put(io.devlogs.settings.keys.JobKeys.CHECKPOINT_INTERVAL.key(), "500ms");
    options = TestOptions.options(values);
    StackClients.createTopics(
        options,
        1,
        options.kafka().rawTopic(),
        options.kafka().parsed().topic(),
        options.kafka().deadLetters().topic());
  }

  @AfterEach
  void tearDown() throws Exception {
    if (job != null && !job.getJobStatus().get().isGloballyTerminalState()) {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
    clickHouse.close();
    StackClients.deleteTopics(
        options,
        options.kafka().rawTopic(),
        options.kafka().parsed().topic(),
        options.kafka().deadLetters().topic());
  }

  @Test
  void theOtherStoresGoOnWhileClickHouseIsDownAndItCatchesUpOnceBack(
      @InjectClusterClient RestClusterClient<?> client) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    LogPipeline.of(
            RawLogSource.builder(options.kafka())
                .setGroupId("devlogs-it-outage-" + suffix)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .build(),
            PipelineSinks.production(options),
            options)
        .addTo(env);
    job = env.executeAsync("devlogs-clickhouse-outage-it-" + suffix);

    try (KafkaProducer<byte[], byte[]> producer = StackClients.producer(options)) {
      produce(producer, 0, BEFORE);
      Poll.until(DEADLINE, this::clickHouseCount, n -> n == BEFORE, "events before the outage");

      clickHouse.cut();
      long checkpointAtCut = latestCompleted(client);
      produce(producer, BEFORE, DURING);
      Poll.until(
          DEADLINE,
          this::cassandraCount,
          n -> n == BEFORE + DURING,
          "Cassandra to receive every event while ClickHouse is down");
      Poll.until(
          DEADLINE,
          () -> latestCompleted(client),
          id -> id >= checkpointAtCut + 3,
          "checkpoints to keep completing while ClickHouse is down");
      assertThat(clickHouseCount()).as("ClickHouse rows during the outage").isEqualTo(BEFORE);

      clickHouse.restore();
      long restored = System.nanoTime();
      Poll.until(
          DEADLINE,
          this::clickHouseCount,
          n -> n == BEFORE + DURING,
          "ClickHouse to catch up after the outage");
      System.out.printf(
          "ClickHouseOutageIT: ClickHouse caught up %d ms after it came back%n",
          (System.nanoTime() - restored) / 1_000_000);
    }
    assertThat(
            clickHouseLong(
                "SELECT uniqExact(event_id) FROM events WHERE project = '" + project + "'"))
        .as("distinct ids in ClickHouse")
        .isEqualTo(BEFORE + DURING);
    assertThat(failures(client)).as("job failures").isZero();
  }

  private void produce(KafkaProducer<byte[], byte[]> producer, int from, int count)
      throws Exception {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      Instant ts = base.plusMillis(i);
      ProducerRecord<byte[], byte[]> record =
          new ProducerRecord<>(
              options.kafka().rawTopic(),
              bytes(project),
              bytes(
                  "{\"id\":\"o-"
                      + i
                      + "\",\"ts\":\""
                      + ts
                      + "\",\"stream\":\""
                      + STREAM
                      + "\",\"msg\":\"event "
                      + i
                      + "\"}"));
      record.headers().add(RawRecord.HEADER_PROJECT, bytes(project));
      record.headers().add(RawRecord.HEADER_RECEIVED_MS, bytes(Long.toString(ts.toEpochMilli())));
      sent.add(producer.send(record));
    }
    producer.flush();
    for (Future<RecordMetadata> f : sent) {
      f.get();
    }
  }

  private long clickHouseCount() throws Exception {
    return clickHouseLong("SELECT count() FROM events WHERE project = '" + project + "'");
  }

  private long clickHouseLong(String sql) throws Exception {
    return StackClients.clickHouseLong(direct, sql);
  }

  private long cassandraCount() {
    return StackClients.cassandraCount(
        options, project, STREAM, LocalDate.ofInstant(base, ZoneOffset.UTC));
  }

  private long latestCompleted(RestClusterClient<?> client) throws Exception {
    return rest(client, "/checkpoints").path("latest").path("completed").path("id").asLong(-1);
  }

  private int failures(RestClusterClient<?> client) throws Exception {
    return rest(client, "/exceptions").path("exceptionHistory").path("entries").size();
  }

  private com.fasterxml.jackson.databind.JsonNode rest(RestClusterClient<?> client, String path)
      throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(client.getWebInterfaceURL() + "/jobs/" + job.getJobID() + path))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(response.body());
  }
}
