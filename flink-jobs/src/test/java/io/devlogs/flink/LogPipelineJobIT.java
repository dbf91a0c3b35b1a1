package io.devlogs.flink;

import static io.devlogs.flink.StackClients.bytes;
import static io.devlogs.flink.StackClients.clickHouse;
import static io.devlogs.flink.StackClients.header;
import static io.devlogs.flink.StackClients.producer;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.driver.core.Cluster;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.enrich.Enrichment;
import io.devlogs.flink.parse.LogEventParser;
import io.devlogs.flink.records.RawLogRecord;
import io.devlogs.flink.sinks.CassandraStreamSink;
import io.devlogs.flink.sources.RawLogSource;
import io.devlogs.testing.Poll;
import io.devlogs.topics.DeadLetterRecord;
import io.devlogs.topics.RawRecord;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job with its real connectors against the real local stack (Kafka, ClickHouse, Cassandra;
 * endpoints from the DEVLOGS_* environment, defaults = local stack): a known set of raw records for
 * a fresh project goes in, exactly that set must come out in ClickHouse (read with FINAL),
 * Cassandra and the parsed topic (live tail, read_committed), and the broken record in the
 * dead-letter topic with its reason. The schema and topics are those of {@code schema/ddl}, applied
 * by {@code bin/devlogs up} (and so by {@code bin/devlogs test}).
 */
class LogPipelineJobIT {

  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusterTier.withSlots(2);

  private static PipelineOptions options;

  /** What an event must look like in the stores. */
  record Expected(
      String id,
      Instant ts,
      String level,
      String service,
      String stream,
      String message,
      Map<String, String> attributes) {}

  @BeforeAll
  static void settings() throws Exception {
    Map<String, String> values = new java.util.HashMap<>();
    values.put(io.devlogs.settings.keys.JobKeys.CHECKPOINT_INTERVAL.key(), "1s");
    // Own topics: the stack's job also reads the stack's raw topic and would add its own output.
    // Own transactional ids: never fence the transactions of a job running on the stack.
    String run = TestOptions.randomBase62(8);
    values.put(io.devlogs.settings.keys.KafkaKeys.RAW_TOPIC.key(), "devlogs-it-raw-" + run);
    values.put(io.devlogs.settings.keys.KafkaKeys.DEAD_LETTER_TOPIC.key(), "devlogs-it-dlq-" + run);
    values.put(io.devlogs.settings.keys.KafkaKeys.PARSED_TOPIC.key(), "devlogs-it-parsed-" + run);
    values.put(
        io.devlogs.settings.keys.KafkaKeys.DEAD_LETTER_TRANSACTIONAL_ID_PREFIX.key(),
        "devlogs-it-dlq-" + run);
    values.put(
        io.devlogs.settings.keys.KafkaKeys.PARSED_TRANSACTIONAL_ID_PREFIX.key(),
        "devlogs-it-parsed-" + run);
    options = TestOptions.options(values);
    StackClients.createJobTopics(options, 2);
  }

  @AfterAll
  static void deleteTopics() {
    StackClients.deleteJobTopics(options);
  }

  @Test
  void rawRecordsReachClickHouseCassandraAndDeadLetters() throws Exception {
    String project = "p_it" + TestOptions.randomBase62(12);
    List<TopicPartition> raw = partitions(options.kafka().rawTopic());
    List<TopicPartition> dlq = partitions(options.kafka().deadLetters().topic());
    List<TopicPartition> parsed = partitions(options.kafka().parsed().topic());
    Map<TopicPartition, Long> parsedStart = endOffsets(parsed);
    Map<TopicPartition, Long> rawStart = endOffsets(raw);
    Map<TopicPartition, Long> dlqStart = endOffsets(dlq);

    long received = Instant.now().truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
    List<Expected> expected = new ArrayList<>();
    String badSource;
    try (KafkaProducer<byte[], byte[]> producer = producer(options)) {
      int p0 = raw.get(0).partition();
      int p1 = raw.get(raw.size() - 1).partition();
      send(
          producer,
          p0,
          project,
          "json",
          null,
          "checkout",
          received,
          "{\"id\":\"e1\",\"ts\":\"2024-05-01T23:59:59.123456789Z\",\"level\":\"error\","
              + "\"stream\":\"it-a\",\"msg\":\"payment failed\",\"user\":{\"id\":17}}");
      expected.add(
          new Expected(
              "e1",
              Instant.parse("2024-05-01T23:59:59.123456789Z"),
              "ERROR",
              "checkout",
              "it-a",
              "payment failed",
              Map.of("user.id", "17")));
      send(
          producer,
          p1,
          project,
          "json",
          "it-b",
          null,
          received,
          "{\"id\":\"e2\",\"timestamp\":1714608000000,\"severity\":\"warning\",\"app\":\"api\","
              + "\"message\":\"slow\",\"region\":\"eu\"}");
      expected.add(
          new Expected(
              "e2",
              Instant.ofEpochMilli(1714608000000L),
              "WARN",
              "api",
              "it-b",
              "slow",
              Map.of("region", "eu")));
      RecordMetadata noId =
          send(producer, p0, project, "json", "it-a", "worker", received, "{\"msg\":\"no id\"}");
      expected.add(
          new Expected(
              derivedId(noId),
              Instant.ofEpochMilli(received),
              "INFO",
              "worker",
              "it-a",
              "no id",
              Map.of()));
      RecordMetadata text =
          send(producer, p1, project, "text", "it-text", "nginx", received, "GET / 200\n");
      expected.add(
          new Expected(
              derivedId(text),
              Instant.ofEpochMilli(received),
              "INFO",
              "nginx",
              "it-text",
              "GET / 200",
              Map.of()));
      RecordMetadata bad =
          send(producer, p0, project, "json", null, null, received, "{\"msg\": broken");
      badSource = bad.topic() + "/" + bad.partition() + "/" + bad.offset();
      producer.flush();
    }

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    new LogPipeline(
            RawLogSource.builder(options.kafka())
                .setGroupId("devlogs-log-pipeline-it-" + UUID.randomUUID())
                .setProperty("commit.offsets.on.checkpoint", "false")
                .setStartingOffsets(OffsetsInitializer.offsets(rawStart))
                .setBounded(OffsetsInitializer.latest())
                .build(),
            PipelineSinks.production(options),
            options.checkpoints(),
            options.windows(),
            Enrichment.defaultSettings())
        .addTo(env);
    JobClient job = env.executeAsync("devlogs-log-pipeline-it");
    job.getJobExecutionResult().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

    Set<Expected> inClickHouse = pollUntil(() -> clickHouseEvents(project), expected.size());
    assertThat(inClickHouse).containsExactlyInAnyOrderElementsOf(expected);

    Set<Expected> inCassandra =
        pollUntil(() -> cassandraEvents(project, expected), expected.size());
    assertThat(inCassandra)
        .containsExactlyInAnyOrderElementsOf(
            expected.stream()
                .map(
                    e ->
                        new Expected(
                            e.id(),
                            e.ts().truncatedTo(ChronoUnit.MILLIS),
                            e.level(),
                            e.service(),
                            e.stream(),
                            e.message(),
                            e.attributes()))
                .toList());

    // Live tail: every event once in the parsed topic, keyed by project, as the documented JSON.
    List<ConsumerRecord<byte[], byte[]>> tail =
        pollProjectRecords(parsed, parsedStart, project, r -> r.size() >= expected.size());
    assertThat(tail).hasSize(expected.size());
    List<Expected> inTail = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : tail) {
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(project);
      JsonNode json = JSON.readTree(r.value());
      assertThat(json.get("project").asText()).isEqualTo(project);
      assertThat(json.get("received_at").asText())
          .isEqualTo(Instant.ofEpochMilli(received).toString());
      inTail.add(
          new Expected(
              json.get("id").asText(),
              Instant.parse(json.get("ts").asText()),
              json.get("level").asText(),
              json.get("service").asText(),
              json.get("stream").asText(),
              json.get("message").asText(),
              JSON.convertValue(json.get("attributes"), STRING_MAP)));
    }
    assertThat(inTail).containsExactlyInAnyOrderElementsOf(expected);

    // Only parse failures come from the raw topic; the minute windows also dead-letter this
    // project's events, whose 2024 times are too late for their windows (source event-windows/..).
    Predicate<ConsumerRecord<byte[], byte[]>> parseFailure =
        r -> header(r, DeadLetterRecord.HEADER_SOURCE).startsWith(options.kafka().rawTopic() + "/");
    List<ConsumerRecord<byte[], byte[]>> letters =
        pollProjectRecords(
                dlq, dlqStart, project, records -> records.stream().anyMatch(parseFailure))
            .stream()
            .filter(parseFailure)
            .toList();
    // A pipeline job already running on the stack may dead-letter the same record too.
    assertThat(letters)
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(header(r, DeadLetterRecord.HEADER_SOURCE)).isEqualTo(badSource);
              assertThat(header(r, DeadLetterRecord.HEADER_REASON)).startsWith("invalid JSON: ");
              assertThat(new String(r.value(), StandardCharsets.UTF_8))
                  .isEqualTo("{\"msg\": broken");
            });

    // The same dead letter, once, in the project's rows of ClickHouse dead_letters.
    List<List<String>> rows =
        Poll.latest(DEADLINE, () -> unparseableDeadLetters(project), found -> !found.isEmpty());
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).subList(0, 3)).containsExactly(badSource, "{\"msg\": broken", "14");
    assertThat(rows.get(0).get(3)).startsWith("invalid JSON: ");

    // Each hour of minute rows in one hour row (the job started from nothing, so its first hours
    // are complete and have rows): the two events of now, and the 2024 ones when they were not
    // too late for their windows.
    String hour =
        DateTimeFormatter.ofPattern("uuuu-MM-dd HH:00:00")
            .withZone(ZoneOffset.UTC)
            .format(Instant.ofEpochMilli(received));
    List<String> hours =
        Poll.latest(
            DEADLINE,
            () -> windowRows(project, "hour", "event_hours"),
            found -> found.containsAll(List.of(hour + " nginx INFO 1", hour + " worker INFO 1")));
    assertThat(hours)
        .containsExactlyInAnyOrderElementsOf(
            windowRows(project, "toStartOfHour(minute)", "event_windows"));
  }

  /**
   * Hour, service, level and events of the project's newest window rows in {@code table}, summed
   * per {@code hour} (an expression of the table's time column).
   */
  private static List<String> windowRows(String project, String hour, String table)
      throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = clickHouse(options);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT concat(toString(h), ' ', service, ' ', toString(level), ' ',"
                    + " toString(sum(events))) FROM (SELECT "
                    + hour
                    + " AS h, service, level, events FROM "
                    + table
                    + " FINAL WHERE project = ?) GROUP BY h, service, level")) {
      ps.setString(1, project);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(rs.getString(1));
        }
      }
    }
    return rows;
  }

  /** Source, value, size and reason of the project's unparseable rows of dead_letters. */
  private static List<List<String>> unparseableDeadLetters(String project) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (Connection c = clickHouse(options);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT concat(source_topic, '/', toString(source_partition), '/',"
                    + " toString(source_offset)), value, toString(value_bytes), reason"
                    + " FROM dead_letters WHERE project = ? AND cause = 'unparseable'")) {
      ps.setString(1, project);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        }
      }
    }
    return rows;
  }

  // ---- stores ----

  private static Set<Expected> clickHouseEvents(String project) throws Exception {
    Set<Expected> seen = new HashSet<>();
    try (Connection c = clickHouse(options);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT event_id, toUnixTimestamp(ts) AS secs, ts_nanos, level, service, stream,"
                    + " message, attr_keys, attr_values FROM events FINAL WHERE project = ?")) {
      ps.setString(1, project);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String[] keys = (String[]) rs.getArray("attr_keys").getArray();
          String[] values = (String[]) rs.getArray("attr_values").getArray();
          Map<String, String> attrs = new LinkedHashMap<>();
          for (int i = 0; i < keys.length; i++) {
            attrs.put(keys[i], values[i]);
          }
          seen.add(
              new Expected(
                  rs.getString("event_id"),
                  Instant.ofEpochSecond(rs.getLong("secs"), rs.getLong("ts_nanos")),
                  rs.getString("level"),
                  rs.getString("service"),
                  rs.getString("stream"),
                  rs.getString("message"),
                  attrs));
        }
      }
    }
    return seen;
  }

  private static Set<Expected> cassandraEvents(String project, List<Expected> expected) {
    Set<Expected> seen = new HashSet<>();
    Set<List<Object>> partitions = new HashSet<>();
    for (Expected e : expected) {
      partitions.add(List.of(e.stream(), LocalDate.ofInstant(e.ts(), ZoneOffset.UTC)));
    }
    for (List<Object> p : partitions) {
      for (StackClients.StoredStreamEvent stored :
          StackClients.cassandraEvents(options, project, (String) p.get(0), (LocalDate) p.get(1))) {
        io.devlogs.streams.StreamChunkEvent e = stored.event();
        seen.add(
            new Expected(
                e.eventId(),
                Instant.ofEpochMilli(e.tsMillis()),
                e.level(),
                e.service(),
                (String) p.get(0),
                e.message(),
                e.attributes()));
      }
    }
    return seen;
  }

  /** The records of {@code project} (header) from {@code start} on, until {@code done}. */
  private static List<ConsumerRecord<byte[], byte[]>> pollProjectRecords(
      List<TopicPartition> topic,
      Map<TopicPartition, Long> start,
      String project,
      Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
    List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      consumer.assign(topic);
      start.forEach(consumer::seek);
      Instant deadline = Instant.now().plus(DEADLINE);
      while (!done.test(found) && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (project.equals(header(r, RawRecord.HEADER_PROJECT))) {
            found.add(r);
          }
        }
      }
    }
    assertThat(done.test(found))
        .as("records of project %s in %s within %s", project, topic, DEADLINE)
        .isTrue();
    return found;
  }

  /** Polls until the probe returns {@code size} items (or more) or the deadline passes. */
  private static <T> Set<T> pollUntil(Poll.Probe<Set<T>> probe, int size) {
    return Poll.latest(DEADLINE, probe, last -> last.size() >= size);
  }

  // ---- Kafka ----

  private static RecordMetadata send(
      KafkaProducer<byte[], byte[]> producer,
      int partition,
      String project,
      String format,
      String stream,
      String service,
      long received,
      String value)
      throws Exception {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            options.kafka().rawTopic(),
            partition,
            project.getBytes(StandardCharsets.UTF_8),
            value.getBytes(StandardCharsets.UTF_8));
    record.headers().add(RawRecord.HEADER_PROJECT, bytes(project));
    record.headers().add(RawRecord.HEADER_RECEIVED_MS, bytes(Long.toString(received)));
    record.headers().add(RawRecord.HEADER_FORMAT, bytes(format));
    if (stream != null) {
      record.headers().add(RawRecord.HEADER_STREAM, bytes(stream));
    }
    if (service != null) {
      record.headers().add(RawRecord.HEADER_SERVICE, bytes(service));
    }
    return producer.send(record).get(30, TimeUnit.SECONDS);
  }

  private static String derivedId(RecordMetadata m) {
    return LogEventParser.derivedEventId(
        new RawLogRecord(
            null, null, null, null, null, null, null, m.topic(), m.partition(), m.offset(), 0L),
        false);
  }

  private static List<TopicPartition> partitions(String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic, p.partition()))
          .sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
          .toList();
    }
  }

  private static Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      return new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka().bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  // ---- connections and schema ----

  private static Cluster cassandra() {
    return new CassandraStreamSink.ContactPointsClusterBuilder(
            options.cassandra().contactPoints(), options.cassandra().datacenter())
        .getCluster();
  }
}
