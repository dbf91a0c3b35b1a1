package io.devlogs.flink;

import static io.devlogs.flink.StackClients.bytes;
import static io.devlogs.flink.StackClients.clickHouse;
import static io.devlogs.flink.StackClients.producer;
import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.sources.RawLogSource;
import io.devlogs.projects.ProjectSettingsStore;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.projects.RetentionClass;
import io.devlogs.testing.Poll;
import io.devlogs.topics.RawRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Enrichment and de-duplication with the real connectors against the real local stack (Kafka,
 * PostgreSQL, ClickHouse, Cassandra), each test with its own topics and a fresh project:
 *
 * <ul>
 *   <li>a request posted twice (as ingest writes it: same index headers, with and without an
 *       idempotency key) is in ClickHouse (no FINAL), Cassandra and the minute windows once, while
 *       two identical lines of one request stay two; the enrichment columns are written;
 *   <li>a project's settings changed in PostgreSQL while the job runs apply to later events,
 *       without a restart.
 * </ul>
 */
class EnrichmentPipelineIT {

  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final String STREAM = "enrich-it";

  @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusterTier.withSlots(2);

  private PipelineOptions options;
  private ProjectSettingsStore projectSettings;
  private String project;
  private final long received = Instant.now().toEpochMilli();

  @BeforeEach
  void setUp() throws Exception {
    String suffix = TestOptions.randomBase62(12);
    Map<String, String> values = new java.util.HashMap<>();
    values.put(
        io.devlogs.settings.keys.KafkaKeys.RAW_TOPIC.key(), "devlogs-it-enrich-raw-" + suffix);
    values.put(
        io.devlogs.settings.keys.KafkaKeys.DEAD_LETTER_TOPIC.key(),
        "devlogs-it-enrich-dlq-" + suffix);
    values.put(
        io.devlogs.settings.keys.KafkaKeys.DEAD_LETTER_TRANSACTIONAL_ID_PREFIX.key(),
        "devlogs-it-enrich-" + suffix);
    // Own parsed topic and transactional ids: never fence the transactions of the stack's job.
    values.put(
        io.devlogs.settings.keys.KafkaKeys.PARSED_TOPIC.key(),
        "devlogs-it-enrich-parsed-" + suffix);
    values.put(
        io.devlogs.settings.keys.KafkaKeys.PARSED_TRANSACTIONAL_ID_PREFIX.key(),
        "devlogs-it-enrich-parsed-" + suffix);
    values.put(io.devlogs.settings.keys.JobKeys.CHECKPOINT_INTERVAL.key(), "500ms");
    values.put("settings.refresh", "200ms");
    options = TestOptions.options(values);
    ProjectsDatabase database = options.enrich().postgres().connect();
    projectSettings = new ProjectSettingsStore(database);
    project = new ProjectStore(database).createProject("enrich-it-" + suffix).id();
    StackClients.createJobTopics(options, 1);
  }

  @AfterEach
  void tearDown() throws Exception {
    StackClients.deleteJobTopics(options);
  }

  @Test
  void aRetriedRequestIsCountedOnceEverywhereAndIdenticalLinesStayTwo() throws Exception {
    List<String> withKey = List.of("{\"msg\":\"keyed one\"}", "{\"msg\":\"keyed two\"}");
    // Without a key, a retry is recognised by content only when the event carries its own time.
    String sameLine = "{\"ts\":\"" + Instant.ofEpochMilli(received) + "\",\"msg\":\"same line\"}";
    List<String> withoutKey = List.of(sameLine, sameLine);
    try (KafkaProducer<byte[], byte[]> producer = producer(options)) {
      for (int attempt = 0; attempt < 2; attempt++) { // the request, then its retry
        long receivedAt = received + attempt * 1_000L; // a retry arrives later
        send(producer, withKey, "req-1", receivedAt);
        send(producer, withoutKey, null, receivedAt);
      }
      producer.flush();
    }

    StreamExecutionEnvironment env = environment();
    LogPipeline.of(
            RawLogSource.builder(options.kafka())
                .setGroupId("devlogs-it-enrich-" + project)
                .setProperty("commit.offsets.on.checkpoint", "false")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .build(),
            PipelineSinks.production(options),
            options)
        .addTo(env);
    env.execute("devlogs-enrichment-dedup-it")
        .getNetRuntime(TimeUnit.SECONDS); // bounded: runs to the end of the topic

    List<Map<String, Object>> rows = pollClickHouse(r -> r.size() >= 4); // no FINAL: exact
    assertThat(rows)
        .extracting(r -> r.get("message"))
        .containsExactlyInAnyOrder("keyed one", "keyed two", "same line", "same line");
    assertThat(rows).extracting(r -> r.get("event_id")).doesNotHaveDuplicates();
    assertThat(rows)
        .allSatisfy(
            r -> {
              assertThat(r.get("received_ms")).as("first attempt wins").isEqualTo(received);
              // keyed lines have no time (event time = received), the others are stamped then
              assertThat(r.get("ingest_lag_ms")).isEqualTo(0L);
              assertThat(r.get("retention_days")).isEqualTo(30L);
            });
    assertThat(rows)
        .filteredOn(r -> r.get("message").equals("keyed one"))
        .singleElement()
        .satisfies(r -> assertThat(r.get("size_bytes")).isEqualTo(19L));

    List<Map<String, Object>> stored = pollCassandra(r -> r.size() >= 4);
    assertThat(stored).hasSize(4);
    assertThat(stored)
        .extracting(r -> r.get("event_id"), r -> (long) (int) r.get("size_bytes"))
        .containsExactlyInAnyOrderElementsOf(
            rows.stream()
                .map(
                    r ->
                        org.assertj.core.groups.Tuple.tuple(r.get("event_id"), r.get("size_bytes")))
                .toList());
    assertThat(stored)
        .allSatisfy(
            r -> {
              assertThat(r.get("received_at")).isEqualTo(Instant.ofEpochMilli(received));
              assertThat(r.get("ingest_lag_ms")).isEqualTo(0L);
              assertThat((int) r.get("ttl"))
                  .as("TTL of the standard retention, counting down")
                  .isBetween(30 * 86_400 - 600, 30 * 86_400);
            });

    long windowed = pollLong("SELECT sum(events) FROM event_windows FINAL WHERE project = ?", 4);
    assertThat(windowed).as("events in the minute windows").isEqualTo(4);
  }

  @Test
  void settingsChangedInPostgresApplyToLaterEventsWithoutARestart() throws Exception {
    StreamExecutionEnvironment env = environment();
    env.setParallelism(1); // one settings snapshot, so "later" is well defined
    LogPipeline.of(
            RawLogSource.builder(options.kafka())
                .setGroupId("devlogs-it-enrich-" + project)
                .setProperty("commit.offsets.on.checkpoint", "false")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .build(),
            PipelineSinks.production(options),
            options)
        .addTo(env);
    JobClient job = env.executeAsync("devlogs-enrichment-settings-it");
    try (KafkaProducer<byte[], byte[]> producer = producer(options)) {
      // No settings row: redaction on, standard retention.
      Map<String, Object> before =
          probeUntil(producer, "before", r -> r.get("retention_days").equals(30L));
      assertThat(before.get("message")).isEqualTo("before mail [email] password=[redacted]");

      projectSettings.updateSettings(project, false, RetentionClass.LONG);
      Map<String, Object> after =
          probeUntil(producer, "after", r -> r.get("retention_days").equals(365L));
      assertThat((String) after.get("message"))
          .as("stored exactly as sent")
          .matches("after mail after[0-9]+@example\\.com password=after[0-9]+");

      projectSettings.updateSettings(project, true, RetentionClass.SHORT);
      Map<String, Object> again =
          probeUntil(producer, "again", r -> r.get("retention_days").equals(7L));
      assertThat(again.get("message")).asString().contains("[email]").doesNotContain("@");
    } finally {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
    assertThat(pollCassandra(r -> r.stream().anyMatch(m -> (int) m.get("ttl") > 300 * 86_400)))
        .as("a row of the long retention class")
        .isNotEmpty();
  }

  /**
   * Sends probe events (each a new request) until one of them is stored matching {@code applied},
   * and returns that row. Events processed within {@code settings.refresh} of the change may still
   * get the old settings: that is the documented staleness bound, so the test waits for the first
   * probe with the new ones instead of guessing when the job reloaded.
   */
  private Map<String, Object> probeUntil(
      KafkaProducer<byte[], byte[]> producer, String label, Predicate<Map<String, Object>> applied)
      throws Exception {
    Instant deadline = Instant.now().plus(DEADLINE);
    int n = 0;
    while (Instant.now().isBefore(deadline)) {
      String text = label + " mail " + label + n + "@example.com password=" + label + n;
      send(producer, List.of("{\"msg\":\"" + text + "\"}"), label + "-" + n, received);
      producer.flush();
      Optional<Map<String, Object>> row =
          Poll.latest(
              Duration.ofSeconds(5),
              () ->
                  clickHouseRows().stream()
                      .filter(r -> ((String) r.get("message")).startsWith(label + " "))
                      .filter(applied)
                      .findFirst(),
              Optional::isPresent);
      if (row.isPresent()) {
        return row.get();
      }
      n++;
    }
    throw new AssertionError("no '" + label + "' event with the new settings within " + DEADLINE);
  }

  // ---- input ----

  /** One ingest request: its events in order, with the headers ingest writes. */
  private void send(
      KafkaProducer<byte[], byte[]> producer,
      List<String> events,
      String idempotencyKey,
      long receivedAt) {
    for (int i = 0; i < events.size(); i++) {
      ProducerRecord<byte[], byte[]> record =
          new ProducerRecord<>(options.kafka().rawTopic(), bytes(project), bytes(events.get(i)));
      record.headers().add(RawRecord.HEADER_PROJECT, bytes(project));
      record.headers().add(RawRecord.HEADER_RECEIVED_MS, bytes(Long.toString(receivedAt)));
      record.headers().add(RawRecord.HEADER_FORMAT, bytes("json"));
      record.headers().add(RawRecord.HEADER_STREAM, bytes(STREAM));
      record.headers().add(RawRecord.HEADER_INDEX, bytes(Integer.toString(i)));
      if (idempotencyKey != null) {
        record.headers().add(RawRecord.HEADER_IDEMPOTENCY_KEY, bytes(idempotencyKey));
      }
      producer.send(record);
    }
  }

  private StreamExecutionEnvironment environment() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    return env;
  }

  // ---- stores ----

  private List<Map<String, Object>> pollClickHouse(Predicate<List<Map<String, Object>>> done)
      throws Exception {
    return Poll.latest(DEADLINE, this::clickHouseRows, done);
  }

  private List<Map<String, Object>> clickHouseRows() throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection c = clickHouse(options);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT event_id, message, received_ms, ingest_lag_ms, size_bytes,"
                    + " retention_days FROM events WHERE project = ?")) {
      ps.setString(1, project);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, Object> row = new HashMap<>();
          row.put("event_id", rs.getString(1));
          row.put("message", rs.getString(2));
          row.put("received_ms", rs.getLong(3));
          row.put("ingest_lag_ms", rs.getLong(4));
          row.put("size_bytes", rs.getLong(5));
          row.put("retention_days", rs.getLong(6));
          rows.add(row);
        }
      }
    }
    return rows;
  }

  private long pollLong(String sql, long expected) throws Exception {
    return Poll.latest(DEADLINE, () -> queryLong(sql), value -> value >= expected);
  }

  private long queryLong(String sql) throws Exception {
    try (Connection c = clickHouse(options);
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, project);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  private List<Map<String, Object>> pollCassandra(Predicate<List<Map<String, Object>>> done) {
    return Poll.latest(DEADLINE, this::cassandraRows, done);
  }

  private List<Map<String, Object>> cassandraRows() {
    List<Map<String, Object>> rows = new ArrayList<>();
    LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(received), ZoneOffset.UTC);
    for (StackClients.StoredStreamEvent stored :
        StackClients.cassandraEvents(options, project, STREAM, day)) {
      Map<String, Object> r = new HashMap<>();
      r.put("event_id", stored.event().eventId());
      r.put("received_at", Instant.ofEpochMilli(stored.event().receivedAtMillis()));
      r.put("ingest_lag_ms", stored.event().ingestLagMs());
      r.put("size_bytes", stored.event().sizeBytes());
      r.put("ttl", stored.ttlSeconds());
      rows.add(r);
    }
    return rows;
  }

  // ---- Kafka ----

}
