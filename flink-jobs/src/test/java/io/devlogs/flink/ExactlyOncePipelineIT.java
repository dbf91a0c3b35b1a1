package io.devlogs.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.Session;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.records.RawLogRecord;
import io.devlogs.flink.sinks.CassandraStreamSink;
import io.devlogs.flink.sinks.ClickHouseEventSink;
import io.devlogs.flink.sinks.ClickHouseWindowSink;
import io.devlogs.flink.sinks.DeadLetterSink;
import io.devlogs.flink.sinks.ParsedEventSink;
import io.devlogs.flink.sinks.clickhouse.FailureInjection;
import io.devlogs.flink.sinks.clickhouse.FailureInjection.Point;
import io.devlogs.flink.sources.RawLogSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exactly once under failure: the whole job with its real sinks, on a MiniCluster, against the real
 * local Kafka, ClickHouse and Cassandra, with one failure injected at each {@link Point} of the
 * ClickHouse sink. Each run uses its own raw and dead-letter topics and project id.
 *
 * <p>A first wave of records is consumed and committed, the failure is armed, a second wave is
 * produced; the job fails, restarts from its last checkpoint (fixed-delay restarts) and finishes at
 * the stopping offsets. Then every sink must hold exactly the expected records: ClickHouse counted
 * without {@code FINAL}, Cassandra, and the dead-letter topic read with {@code read_committed}.
 */
class ExactlyOncePipelineIT {

  private static final Duration DEADLINE = Duration.ofSeconds(180);
  private static final int PARTITIONS = 2;
  private static final int GOOD_WAVE1 = 1_000; // per partition
  private static final int GOOD_WAVE2 = 1_500;
  private static final int BAD_EVERY = 100; // one broken record per 100 good ones
  private static final String STREAM = "eo";
  private static final String DAY = "2024-05-03";

  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private String suffix;
  private String project;
  private String failureKey;
  private PipelineOptions options;

  @BeforeEach
  void setUp() throws Exception {
    suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    project = "p_eo" + suffix;
    failureKey = "eo-it-" + suffix;
    Map<String, String> values = LocalStackSettings.connections();
    values.put(PipelineOptions.KAFKA_RAW_TOPIC, "devlogs-it-eo-raw-" + suffix);
    values.put(PipelineOptions.KAFKA_DEAD_LETTER_TOPIC, "devlogs-it-eo-dlq-" + suffix);
    values.put(
        PipelineOptions.KAFKA_DEAD_LETTER_TRANSACTIONAL_ID_PREFIX, "devlogs-it-eo-" + suffix);
    values.put(PipelineOptions.CHECKPOINT_INTERVAL, "500ms");
    options = PipelineOptions.fromMap(values);
    try (Admin admin = Admin.create(kafkaProperties())) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(options.rawTopic(), PARTITIONS, (short) 1),
                  new NewTopic(options.deadLetterTopic(), 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    FailureInjection.disarm(failureKey);
    try (Admin admin = Admin.create(kafkaProperties())) {
      admin.deleteTopics(List.of(options.rawTopic(), options.deadLetterTopic()));
    }
  }

  /** How many records of the first wave a point lets pass before failing. */
  private static long passes(Point point) {
    return point == Point.WRITER_RECORD ? GOOD_WAVE2 : 0; // mid-way through the second wave
  }

  @ParameterizedTest
  @EnumSource(Point.class)
  void everyEventIsInEverySinkOnceAfterAFailure(Point point) throws Exception {
    int perPartition = GOOD_WAVE1 + GOOD_WAVE1 / BAD_EVERY + GOOD_WAVE2 + GOOD_WAVE2 / BAD_EVERY;
    Map<TopicPartition, Long> stop = new HashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      stop.put(new TopicPartition(options.rawTopic(), p), (long) perPartition);
    }
    int good = PARTITIONS * (GOOD_WAVE1 + GOOD_WAVE2);
    int bad = PARTITIONS * (GOOD_WAVE1 + GOOD_WAVE2) / BAD_EVERY;

    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 5);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.configure(conf);
    env.setParallelism(PARTITIONS);
    LogPipelineJob.configure(env, options);
    LogPipelineJob.build(
        env,
        RawLogSource.builder(options)
            .setGroupId("devlogs-it-eo-" + suffix)
            .setProperty("commit.offsets.on.checkpoint", "false")
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setBounded(OffsetsInitializer.offsets(stop))
            .build(),
        new PipelineSinks(
            events -> ClickHouseEventSink.attach(events, options, failureKey),
            events -> CassandraStreamSink.attach(events, options),
            events -> ParsedEventSink.attach(events, options),
            letters -> DeadLetterSink.attach(letters, options),
            windows -> ClickHouseWindowSink.attach(windows, options)));

    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      produce(producer, 0, GOOD_WAVE1);
      JobClient job = env.executeAsync("devlogs-exactly-once-it-" + point);
      long firstWave = PARTITIONS * GOOD_WAVE1;
      Instant deadline = Instant.now().plus(DEADLINE);
      while (clickHouseCount() < firstWave && Instant.now().isBefore(deadline)) {
        LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // poll interval
      }
      assertThat(clickHouseCount()).as("first wave committed").isEqualTo(firstWave);

      FailureInjection.arm(failureKey, point, passes(point));
      produce(producer, GOOD_WAVE1, GOOD_WAVE2);
      job.getJobExecutionResult().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    assertThat(FailureInjection.fired(failureKey)).as("failure injected at " + point).isTrue();
    assertThat(clickHouseCount()).as("ClickHouse rows, no FINAL").isEqualTo(good);
    assertThat(clickHouseDistinctIds()).as("ClickHouse distinct event ids").isEqualTo(good);
    long staged =
        clickHouseLong("SELECT count() FROM events_staging WHERE project = '" + project + "'");
    if (point == Point.WRITER_AFTER_STAGE) {
      // The failed attempt's staged chunk stays in staging, never committed: an orphan.
      assertThat(staged).as("staged rows, orphans included").isGreaterThan(good);
    } else {
      assertThat(staged).as("staged rows").isGreaterThanOrEqualTo(good);
    }
    assertThat(cassandraCount()).as("Cassandra rows").isEqualTo(good);
    List<ConsumerRecord<byte[], byte[]>> letters = deadLetters();
    Set<String> sources = new HashSet<>();
    letters.forEach(r -> sources.add(header(r, DeadLetterSink.HEADER_SOURCE)));
    assertThat(letters).as("dead letters, read_committed").hasSize(bad);
    assertThat(sources).hasSize(bad);
  }

  // ---- input ----

  /** Good events {@code from..from+count-1} per partition, plus one broken record per 100. */
  private void produce(KafkaProducer<byte[], byte[]> producer, int from, int count)
      throws Exception {
    for (int p = 0; p < PARTITIONS; p++) {
      for (int i = from; i < from + count; i++) {
        String id = "e-" + p + "-" + i;
        send(
            producer,
            p,
            "{\"id\":\""
                + id
                + "\",\"ts\":\""
                + DAY
                + "T10:00:00."
                + String.format("%06d", i)
                + "Z\",\"level\":\"info\",\"stream\":\""
                + STREAM
                + "\",\"msg\":\"tab\\t quote\\\" é 😀 "
                + i
                + "\",\"attr\":\"a\\\\b\"}");
        if ((i + 1) % BAD_EVERY == 0) {
          send(producer, p, "{\"msg\": broken " + i);
        }
      }
    }
    producer.flush();
  }

  private void send(KafkaProducer<byte[], byte[]> producer, int partition, String value)
      throws Exception {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            options.rawTopic(), partition, bytes(project), value.getBytes(StandardCharsets.UTF_8));
    record.headers().add(RawLogRecord.HEADER_PROJECT, bytes(project));
    record.headers().add(RawLogRecord.HEADER_RECEIVED_MS, bytes("1714730400000"));
    record.headers().add(RawLogRecord.HEADER_FORMAT, bytes("json"));
    record.headers().add(RawLogRecord.HEADER_SERVICE, bytes("eo-it"));
    producer.send(record);
  }

  // ---- sinks ----

  private long clickHouseCount() throws Exception {
    return clickHouseLong("SELECT count() FROM events WHERE project = '" + project + "'");
  }

  private long clickHouseDistinctIds() throws Exception {
    return clickHouseLong(
        "SELECT uniqExact(event_id) FROM events WHERE project = '" + project + "'");
  }

  private long clickHouseLong(String sql) throws Exception {
    Properties p = new Properties();
    p.setProperty("user", options.clickhouseUser());
    p.setProperty("password", options.clickhousePassword());
    // The legacy driver, instantiated directly: DriverManager would pick the new one (20.7+).
    try (Connection c =
            new ru.yandex.clickhouse.ClickHouseDriver().connect(options.clickhouseUrl(), p);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private long cassandraCount() {
    try (Cluster cluster =
            new CassandraStreamSink.ContactPointsClusterBuilder(
                    options.cassandraContactPoints(), options.cassandraDatacenter())
                .getCluster();
        Session session = cluster.connect()) {
      return session
          .execute(
              "SELECT count(*) FROM "
                  + options.cassandraKeyspace()
                  + ".stream_events WHERE project = ? AND stream = ? AND day = ?",
              project,
              STREAM,
              com.datastax.driver.core.LocalDate.fromYearMonthDay(2024, 5, 3))
          .one()
          .getLong(0);
    }
  }

  /** Every committed record of the dead-letter topic (the topic is this test's own). */
  private List<ConsumerRecord<byte[], byte[]>> deadLetters() {
    List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
    Properties p = kafkaProperties();
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(options.deadLetterTopic(), 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp);
      Instant deadline = Instant.now().plus(DEADLINE);
      while (consumer.position(tp) < end && Instant.now().isBefore(deadline)) {
        consumer.poll(Duration.ofMillis(500)).forEach(found::add);
      }
    }
    return found;
  }

  // ---- Kafka ----

  private Properties kafkaProperties() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafkaBootstrapServers());
    return p;
  }

  private KafkaProducer<byte[], byte[]> producer() {
    Properties p = kafkaProperties();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
