package io.devlogs.flink;

import static io.devlogs.flink.StackClients.bytes;
import static io.devlogs.flink.StackClients.clickHouse;
import static io.devlogs.flink.StackClients.header;
import static io.devlogs.flink.StackClients.kafkaProperties;
import static io.devlogs.flink.StackClients.producer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.deadletters.DeadLetterCause;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.sinks.CassandraStreamSink;
import io.devlogs.flink.sinks.ClickHouseDeadLetterFormat;
import io.devlogs.flink.sinks.ClickHouseDeadLetterSink;
import io.devlogs.flink.sinks.ClickHouseEventFormat;
import io.devlogs.flink.sinks.ClickHouseEventSink;
import io.devlogs.flink.sinks.ClickHouseWindowFormat;
import io.devlogs.flink.sinks.ClickHouseWindowSink;
import io.devlogs.flink.sinks.DeadLetterSink;
import io.devlogs.flink.sinks.ParsedEventSink;
import io.devlogs.flink.sinks.clickhouse.ClickHouseEndpoint;
import io.devlogs.flink.sinks.clickhouse.ExactlyOnceClickHouseSink;
import io.devlogs.flink.sinks.clickhouse.FailureInjection;
import io.devlogs.flink.sinks.clickhouse.FailureInjection.Point;
import io.devlogs.flink.sources.RawLogSource;
import io.devlogs.testing.Poll;
import io.devlogs.topics.DeadLetterRecord;
import io.devlogs.topics.RawRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exactly once under failure: the whole job with its real sinks, on a MiniCluster, against the real
 * local Kafka, ClickHouse and Cassandra. Each run uses its own raw, parsed and dead-letter topics,
 * transactional ids and project id.
 *
 * <p>A first wave of records is consumed and committed, then a failure is armed and two more waves
 * are produced; the job fails, restarts from its last checkpoint (fixed-delay restarts) and
 * finishes at the stopping offsets. Then every sink must hold exactly the expected records:
 * ClickHouse {@code events} counted without {@code FINAL}, Cassandra, the parsed topic and the
 * dead-letter topic read with {@code read_committed}; and in ClickHouse {@code event_windows} no
 * (window, version) row twice (without {@code FINAL}), and the highest version of each minute
 * counting exactly that minute's events. The second wave makes the first minute's window fire; once
 * its row is committed, late events of the third wave update it, so window rows are written before
 * and after the restart.
 *
 * <p>Failures: one at each {@link Point} of the ClickHouse sinks (events and windows share the key,
 * so whichever gets there first fails), and a true failure between checkpoint completion and the
 * commit notification ({@link CommitNotificationHold}).
 */
class ExactlyOncePipelineIT {

  private static final Duration DEADLINE = Duration.ofSeconds(180);
  private static final int PARTITIONS = 2;
  private static final int WAVE1 = 1_000; // good events per partition
  private static final int WAVE2 = 1_500;
  private static final int WAVE3 = 500;
  private static final int AFTER_RELEASE = 100; // of wave 2, in the commit-notification case
  private static final int BAD_EVERY = 100; // one broken record per 100 good ones
  private static final String STREAM = "eo";
  private static final Instant MINUTE0 = Instant.parse("2024-05-03T10:00:00Z");

  @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusterTier.withSlots(2);

  private String suffix;
  private String project;
  private String failureKey;
  private PipelineOptions options;
  private JobClient job;
  private final Map<String, Long> eventsPerMinute = new TreeMap<>();
  private final int good = PARTITIONS * (WAVE1 + WAVE2 + WAVE3);
  private final int bad = good / BAD_EVERY;

  /** Whether some good events have a ClickHouse row ClickHouse refuses ({@link PoisonedRows}). */
  private boolean poison;

  /** How many good events are poisoned. */
  private int poisoned;

  @BeforeEach
  void setUp() throws Exception {
    suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    project = "p_eo" + suffix;
    failureKey = "eo-it-" + suffix;
    Map<String, String> values = new java.util.HashMap<>();
    values.put(io.devlogs.settings.keys.KafkaKeys.RAW_TOPIC.key(), "devlogs-it-eo-raw-" + suffix);
    values.put(
        io.devlogs.settings.keys.KafkaKeys.DEAD_LETTER_TOPIC.key(), "devlogs-it-eo-dlq-" + suffix);
    values.put(
        io.devlogs.settings.keys.KafkaKeys.PARSED_TOPIC.key(), "devlogs-it-eo-parsed-" + suffix);
    values.put(
        io.devlogs.settings.keys.KafkaKeys.DEAD_LETTER_TRANSACTIONAL_ID_PREFIX.key(),
        "devlogs-it-eo-" + suffix);
    values.put(
        io.devlogs.settings.keys.KafkaKeys.PARSED_TRANSACTIONAL_ID_PREFIX.key(),
        "devlogs-it-eo-parsed-" + suffix);
    values.put(io.devlogs.settings.keys.JobKeys.CHECKPOINT_INTERVAL.key(), "500ms");
    options = TestOptions.options(values);
    StackClients.createTopics(
        options, PARTITIONS, options.kafka().rawTopic(), options.kafka().parsed().topic());
    StackClients.createTopics(options, 1, options.kafka().deadLetters().topic());
  }

  @AfterEach
  void tearDown() throws Exception {
    if (job != null && !job.getJobStatus().get().isGloballyTerminalState()) {
      job.cancel().get(30, TimeUnit.SECONDS); // a failed test must not leave its job running
      Poll.until(
          Duration.ofSeconds(30),
          () -> job.getJobStatus().get().isGloballyTerminalState(),
          "the cancelled job to end");
    }
    FailureInjection.disarm(failureKey);
    CommitNotificationHold.disarm(failureKey);
    StackClients.deleteJobTopics(options);
  }

  /** How many records a point lets pass before failing. */
  private static long passes(Point point) {
    return point == Point.WRITER_RECORD ? WAVE2 : 0; // mid-way through the second wave
  }

  @ParameterizedTest
  @EnumSource(Point.class)
  void everyEventIsInEverySinkOnceAfterAFailure(Point point) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = producer(options)) {
      startAfterFirstWave(producer, false);
      FailureInjection.arm(failureKey, point, passes(point));
      if (passes(point) == 0) {
        // The failure at the first stage or commit of wave 2 restores the job from a checkpoint.
        // Watermarks are not part of checkpoints, so the restored windows fire only once events
        // arrive after the restore: the rest of wave 2 is sent after the failure (a fast job
        // could otherwise read all of wave 2 before the failed checkpoint and never fire them).
        int first = WAVE2 / 2;
        produce(producer, WAVE1, first);
        Poll.until(DEADLINE, () -> FailureInjection.fired(failureKey), "the failure at " + point);
        produce(producer, WAVE1 + first, WAVE2 - first);
      } else {
        produce(producer, WAVE1, WAVE2);
      }
      awaitFirstMinuteWindow();
      produce(producer, WAVE1 + WAVE2, WAVE3);
      job.getJobExecutionResult().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    assertThat(FailureInjection.fired(failureKey)).as("failure injected at " + point).isTrue();
    assertEverySinkHoldsEveryRecordOnce();
    // The 'done' markers account for every committed event; a failed attempt's staged chunk
    // stays in staging without one, never committed: an orphan.
    assertThat(stagedRows("events_staging", "events", true))
        .as("rows of done batches")
        .isEqualTo(good);
    long orphans =
        stagedRows("events_staging", "events", false)
            + stagedRows("event_windows_staging", "event_windows", false);
    if (point == Point.WRITER_AFTER_STAGE) {
      assertThat(orphans).as("staged rows never committed").isPositive();
    }
  }

  /**
   * Rows a store refuses are dead letters, not an outage: one good event in {@value
   * PoisonedRows#EVERY} has a ClickHouse row that ClickHouse refuses, and one in {@value
   * #SURROGATE_EVERY} a message with a lone UTF-16 surrogate (which ClickHouse refuses unless the
   * job replaces it). The job runs to the end without a single failure; the poisoned events are in
   * Cassandra, the parsed topic and the windows, and in the dead letters instead of ClickHouse.
   */
  @Test
  void rowsAStoreRefusesAreDeadLettersAndTheJobNeverRestarts(
      @InjectClusterClient RestClusterClient<?> client) throws Exception {
    poison = true;
    poisoned = poisonedAmong(WAVE1 + WAVE2 + WAVE3);
    try (KafkaProducer<byte[], byte[]> producer = producer(options)) {
      startAfterFirstWave(producer, false);
      produce(producer, WAVE1, WAVE2);
      awaitFirstMinuteWindow();
      produce(producer, WAVE1 + WAVE2, WAVE3);
      job.getJobExecutionResult().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    assertThat(poisoned).as("poisoned events").isPositive();
    assertEverySinkHoldsEveryRecordOnce();
    assertThat(failures(client, job.getJobID())).as("job failures (restarts)").isZero();
    assertThat(
            clickHouseLong(
                "SELECT count() FROM events WHERE project = '"
                    + project
                    + "' AND message LIKE '%\uFFFD%'"))
        .as("lone surrogates stored as U+FFFD")
        .isEqualTo(surrogates());
  }

  private static final int SURROGATE_EVERY = 97;

  /** Poisoned events among the first {@code n} good events of each partition. */
  private int poisonedAmong(int n) {
    int count = 0;
    for (int i = 0; poison && i < n; i++) {
      count += PoisonedRows.poisoned(i) ? PARTITIONS : 0;
    }
    return count;
  }

  private int surrogates() {
    int n = 0;
    for (int i = 0; i < WAVE1 + WAVE2 + WAVE3; i++) {
      n += i % SURROGATE_EVERY == 0 && !PoisonedRows.poisoned(i) ? PARTITIONS : 0;
    }
    return n;
  }

  /** Failures in the job's exception history (each one restarted the job). */
  private static int failures(RestClusterClient<?> client, JobID job) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(client.getWebInterfaceURL() + "/jobs/" + job + "/exceptions"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper()
        .readTree(response.body())
        .path("exceptionHistory")
        .path("entries")
        .size();
  }

  /**
   * The job fails after checkpoint N has completed on the JobManager but before any task ran N's
   * completion notification: no sink has committed N (ClickHouse batches staged, Kafka transactions
   * open). The job restores from N, its committers commit N's data, and every sink still holds
   * every record once. See {@link CommitNotificationHold} for why the failure falls exactly there.
   */
  @Test
  void aCheckpointCompletedButNeverNotifiedIsCommittedOnceByTheRestoredJob(
      @InjectClusterClient RestClusterClient<?> client) throws Exception {
    long held;
    Map<String, Long> pendingBatches;
    JobID jobId;
    try (KafkaProducer<byte[], byte[]> producer = producer(options)) {
      startAfterFirstWave(producer, true);
      jobId = job.getJobID();
      CommitNotificationHold.arm(failureKey);
      // Once the hold has chosen N, the barrier before N has left the sources: the second wave,
      // produced now, is read after it, and its start before N's barrier (a checkpoint interval
      // later), so N holds uncommitted data.
      // Seen within 5 ms: the second wave must start well before N's barrier, 500 ms later.
      held =
          Poll.until(
              DEADLINE,
              Duration.ofMillis(5),
              () -> CommitNotificationHold.checkpoint(failureKey),
              checkpoint -> checkpoint >= 0,
              "the hold to choose a checkpoint");
      assertThat(held).as("held checkpoint chosen").isPositive();
      produce(producer, WAVE1, WAVE2 - AFTER_RELEASE);
      Poll.latest(
          DEADLINE, () -> latestCheckpoint(client, jobId, "completed"), latest -> latest >= held);
      assertThat(latestCheckpoint(client, jobId, "completed"))
          .as("the held checkpoint is complete on the JobManager, and nothing after it")
          .isEqualTo(held);
      assertThat(CommitNotificationHold.held(failureKey))
          .as("every task holding a committer is held (3 tasks x parallelism)")
          .isEqualTo(3 * PARTITIONS);
      // Nothing of N is committed: its ClickHouse batches are staged but not in events, and the
      // parsed topic shows exactly the events ClickHouse shows (those of the checkpoints before).
      pendingBatches = uncommittedStagedBatches();
      assertThat(pendingBatches).as("batches of checkpoint %d awaiting commit", held).isNotEmpty();
      assertThat(committedRecords(options.kafka().parsed().topic(), PARTITIONS))
          .as("parsed topic before the notification")
          .hasSize((int) clickHouseCount());

      CommitNotificationHold.release(failureKey);
      // The restored job reads on from N's offsets. When N's barrier came after the whole second
      // wave (a busy machine checkpoints late), nothing after N would move its watermark past the
      // first minute: the end of the second wave, produced now, does.
      produce(producer, WAVE1 + WAVE2 - AFTER_RELEASE, AFTER_RELEASE);
      awaitFirstMinuteWindow();
      produce(producer, WAVE1 + WAVE2, WAVE3);
      job.getJobExecutionResult().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    assertThat(latestCheckpoint(client, jobId, "restored")).as("restored from").isEqualTo(held);
    assertEverySinkHoldsEveryRecordOnce();
    assertThat(
            clickHouseLong(
                "SELECT count() FROM events WHERE project = '"
                    + project
                    + "' AND sink_batch IN ("
                    + pendingBatches.keySet().stream()
                        .map(b -> "'" + b + "'")
                        .collect(Collectors.joining(", "))
                    + ")"))
        .as("rows of the batches staged for checkpoint %d, committed by the restored job", held)
        .isEqualTo(pendingBatches.values().stream().mapToLong(Long::longValue).sum());
  }

  // ---- the job ----

  /** Produces the first wave, starts {@link #job} and waits until ClickHouse has the wave. */
  private void startAfterFirstWave(KafkaProducer<byte[], byte[]> producer, boolean hold)
      throws Exception {
    int perPartition = WAVE1 + WAVE2 + WAVE3 + (WAVE1 + WAVE2 + WAVE3) / BAD_EVERY;
    Map<TopicPartition, Long> stop = new HashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      stop.put(new TopicPartition(options.kafka().rawTopic(), p), (long) perPartition);
    }
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 5);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.configure(conf);
    env.setParallelism(PARTITIONS);
    ClickHouseEndpoint clickhouse = options.clickhouse().endpoint();
    LogPipeline.of(
            RawLogSource.builder(options.kafka())
                .setGroupId("devlogs-it-eo-" + suffix)
                .setProperty("commit.offsets.on.checkpoint", "false")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.offsets(stop))
                .build(),
            new PipelineSinks(
                events ->
                    Optional.of(
                        failing(
                                ClickHouseEventSink.builder(
                                    clickhouse,
                                    FailureInjection.format(
                                        failureKey,
                                        poison ? new PoisonedRows() : new ClickHouseEventFormat())))
                            .attach(
                                poison ? events : held(events, hold, "events"),
                                ClickHouseEventSink.NAME,
                                ClickHouseEventSink.UID)),
                events -> Optional.of(CassandraStreamSink.attach(events, options.cassandra())),
                events -> ParsedEventSink.attach(events, options.kafka().parsed()),
                letters -> {
                  DataStream<DeadLetter> heldLetters = held(letters, hold, "dead-letters");
                  DeadLetterSink.attach(heldLetters, options.kafka().deadLetters());
                  failing(
                          ClickHouseDeadLetterSink.builder(
                              clickhouse,
                              FailureInjection.format(
                                  failureKey, new ClickHouseDeadLetterFormat())))
                      .attach(
                          heldLetters, ClickHouseDeadLetterSink.NAME, ClickHouseDeadLetterSink.UID);
                },
                windows ->
                    Optional.of(
                        failing(
                                ClickHouseWindowSink.builder(
                                    clickhouse,
                                    FailureInjection.format(
                                        failureKey, new ClickHouseWindowFormat())))
                            .attach(
                                held(windows, hold, "windows"),
                                ClickHouseWindowSink.NAME,
                                ClickHouseWindowSink.UID))),
            options)
        .addTo(env);
    if (hold) {
      for (JobVertex task : env.getStreamGraph(false).getJobGraph().getVertices()) {
        if (task.getName().contains("Committer")
            || task.getName().contains(ClickHouseEventSink.NAME)
            || task.getName().contains(ClickHouseWindowSink.NAME)) {
          assertThat(task.getName())
              .as("task with a committer")
              .contains(CommitNotificationHold.NAME);
        }
      }
    }

    produce(producer, 0, WAVE1);
    job = env.executeAsync("devlogs-exactly-once-it-" + suffix);
    long firstWave = PARTITIONS * WAVE1 - poisonedAmong(WAVE1);
    assertThat(Poll.latest(DEADLINE, this::clickHouseCount, count -> count >= firstWave))
        .as("first wave committed")
        .isEqualTo(firstWave);
  }

  /** A ClickHouse sink that fails where this test armed {@link FailureInjection}. */
  private <T> ExactlyOnceClickHouseSink<T> failing(ExactlyOnceClickHouseSink.Builder<T> builder) {
    return builder.client(FailureInjection.clients(failureKey)).build();
  }

  private <T> DataStream<T> held(DataStream<T> stream, boolean hold, String what) {
    return hold ? CommitNotificationHold.before(stream, failureKey, what) : stream;
  }

  /** The latest "completed" or "restored" checkpoint id of a job from the REST API, or -1. */
  private static long latestCheckpoint(RestClusterClient<?> client, JobID job, String which)
      throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(client.getWebInterfaceURL() + "/jobs/" + job + "/checkpoints"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode latest = new ObjectMapper().readTree(response.body()).path("latest").path(which);
    return latest.isObject() ? latest.path("id").asLong(-1) : -1;
  }

  // ---- expectations ----

  private void assertEverySinkHoldsEveryRecordOnce() throws Exception {
    assertThat(clickHouseCount()).as("ClickHouse rows, no FINAL").isEqualTo(good - poisoned);
    assertThat(clickHouseDistinctIds())
        .as("ClickHouse distinct event ids")
        .isEqualTo(good - poisoned);
    assertThat(cassandraCount()).as("Cassandra rows").isEqualTo(good);

    List<ConsumerRecord<byte[], byte[]>> tail =
        committedRecords(options.kafka().parsed().topic(), PARTITIONS);
    Set<String> tailIds = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : tail) {
      tailIds.add(new ObjectMapper().readTree(r.value()).path("id").asText());
    }
    assertThat(tail).as("parsed topic, read_committed").hasSize(good);
    assertThat(tailIds).as("parsed topic distinct ids").hasSize(good);

    List<ConsumerRecord<byte[], byte[]>> letters =
        committedRecords(options.kafka().deadLetters().topic(), 1);
    Set<String> sources = new HashSet<>();
    Set<String> refusedIds = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : letters) {
      if (DeadLetterCause.REFUSED_BY_CLICKHOUSE
          .code()
          .equals(header(r, DeadLetterRecord.HEADER_CAUSE))) {
        refusedIds.add(new ObjectMapper().readTree(r.value()).path("id").asText());
      } else {
        sources.add(header(r, DeadLetterRecord.HEADER_SOURCE));
      }
    }
    assertThat(letters).as("dead letters, read_committed").hasSize(bad + poisoned);
    assertThat(sources).as("unparseable records").hasSize(bad);
    assertThat(refusedIds).as("rows ClickHouse refused, by event id").hasSize(poisoned);
    assertThat(clickHouseLong("SELECT count() FROM dead_letters WHERE project = '" + project + "'"))
        .as("ClickHouse dead_letters rows, no FINAL")
        .isEqualTo(bad + poisoned);
    assertThat(deadLetterIds("unparseable")).as("ClickHouse distinct unparseable").isEqualTo(bad);
    assertThat(deadLetterIds(DeadLetterCause.REFUSED_BY_CLICKHOUSE.code()))
        .as("ClickHouse distinct refused rows")
        .isEqualTo(poisoned);

    String where = " FROM event_windows WHERE project = '" + project + "'";
    assertThat(
            clickHouseLong(
                "SELECT count() FROM (SELECT minute, service, level, version, count() AS n"
                    + where
                    + " GROUP BY minute, service, level, version HAVING n > 1)"))
        .as("(window, version) rows written more than once, no FINAL")
        .isZero();
    // Background merges of the ReplacingMergeTree collapse rows of a window, so the table alone
    // cannot show a duplicate that was merged away: the committed batches (those with a 'done'
    // marker) must hold each (window, version) once too.
    assertThat(
            clickHouseLong(
                "SELECT count() FROM (SELECT minute, service, level, version, count() AS n"
                    + " FROM event_windows_staging WHERE project = '"
                    + project
                    + "' AND batch_id IN ("
                    + doneBatches("event_windows")
                    + ") GROUP BY minute, service, level, version HAVING n > 1)"))
        .as("(window, version) rows in more than one committed batch")
        .isZero();
    Map<String, Long> latest = new TreeMap<>();
    for (List<String> row :
        clickHouseRows(
            "SELECT toString(minute), argMax(events, version)"
                + where
                + " GROUP BY minute, service, level")) {
      latest.put(row.get(0), Long.parseLong(row.get(1)));
    }
    assertThat(latest).as("events of each minute, highest version").isEqualTo(eventsPerMinute);
  }

  // ---- input ----

  /**
   * The time of good event {@code i} of a partition: wave 1 in the first minute, wave 2 in the
   * second (so the first minute's window fires), wave 3 in the third, except one event in 100 that
   * is late for the first minute (it updates that window's row).
   */
  private static Instant eventTime(int i) {
    if (i < WAVE1) {
      return MINUTE0.plusMillis(i * 50L);
    }
    if (i < WAVE1 + WAVE2) {
      return MINUTE0.plusSeconds(60).plusMillis((i - WAVE1) * 20L);
    }
    int j = i - WAVE1 - WAVE2;
    return j % 100 == 50
        ? MINUTE0.plusSeconds(58).plusMillis(j)
        : MINUTE0.plusSeconds(120).plusMillis(j * 20L);
  }

  /** Waits until the first minute's window row is committed, so wave 3's late events are late. */
  private void awaitFirstMinuteWindow() throws Exception {
    String sql =
        "SELECT count() FROM event_windows WHERE project = '"
            + project
            + "' AND minute = '"
            + minuteText(MINUTE0)
            + "'";
    assertThat(Poll.latest(DEADLINE, () -> clickHouseLong(sql), rows -> rows > 0))
        .as("first minute's window row")
        .isPositive();
  }

  /** Good events {@code from..from+count-1} per partition, plus one broken record per 100. */
  private void produce(KafkaProducer<byte[], byte[]> producer, int from, int count)
      throws Exception {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      for (int i = from; i < from + count; i++) {
        Instant ts = eventTime(i);
        eventsPerMinute.merge(minuteText(ts), 1L, Long::sum);
        sent.add(
            send(
                producer,
                p,
                ts,
                "{\"id\":\"e-"
                    + p
                    + "-"
                    + i
                    + "\",\"ts\":\""
                    + ts
                    + "\",\"level\":\"info\",\"stream\":\""
                    + STREAM
                    + "\",\"msg\":\"tab\\t quote\\\" é 😀 "
                    + (poison && PoisonedRows.poisoned(i) ? PoisonedRows.MARK : "")
                    + (poison && i % SURROGATE_EVERY == 0 ? "lone \\ud800 " : "")
                    + i
                    + "\",\"attr\":\"a\\\\b\"}"));
        if ((i + 1) % BAD_EVERY == 0) {
          sent.add(send(producer, p, ts, "{\"msg\": broken " + i));
        }
      }
    }
    producer.flush();
    for (Future<RecordMetadata> f : sent) {
      f.get(); // every record is in Kafka, or the test fails here
    }
  }

  /** The minute of {@code ts} as ClickHouse's {@code toString(minute)} writes it. */
  private static String minuteText(Instant ts) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
        .withZone(ZoneOffset.UTC)
        .format(ts.truncatedTo(ChronoUnit.MINUTES));
  }

  private Future<RecordMetadata> send(
      KafkaProducer<byte[], byte[]> producer, int partition, Instant received, String value)
      throws Exception {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            options.kafka().rawTopic(),
            partition,
            bytes(project),
            value.getBytes(StandardCharsets.UTF_8));
    record.headers().add(RawRecord.HEADER_PROJECT, bytes(project));
    record
        .headers()
        .add(RawRecord.HEADER_RECEIVED_MS, bytes(Long.toString(received.toEpochMilli())));
    record.headers().add(RawRecord.HEADER_FORMAT, bytes("json"));
    record.headers().add(RawRecord.HEADER_SERVICE, bytes("eo-it"));
    return producer.send(record);
  }

  // ---- sinks ----

  private long clickHouseCount() throws Exception {
    return clickHouseLong("SELECT count() FROM events WHERE project = '" + project + "'");
  }

  /** Distinct dead letters of this project and cause in ClickHouse {@code dead_letters}. */
  private long deadLetterIds(String cause) throws Exception {
    return clickHouseLong(
        "SELECT uniqExact(dead_letter_id) FROM dead_letters WHERE project = '"
            + project
            + "' AND cause = '"
            + cause
            + "'");
  }

  private long clickHouseDistinctIds() throws Exception {
    return clickHouseLong(
        "SELECT uniqExact(event_id) FROM events WHERE project = '" + project + "'");
  }

  private long clickHouseLong(String sql) throws Exception {
    try (Connection c = clickHouse(options);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private List<List<String>> clickHouseRows(String sql) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (Connection c = clickHouse(options);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** This project's rows in {@code staging} whose batch has (or has no) 'done' marker. */
  private long stagedRows(String staging, String target, boolean done) throws Exception {
    return clickHouseLong(
        "SELECT count() FROM "
            + staging
            + " WHERE project = '"
            + project
            + "' AND batch_id "
            + (done ? "IN" : "NOT IN")
            + " ("
            + doneBatches(target)
            + ")");
  }

  /** The subquery of the batches with a 'done' marker for {@code target}. */
  private String doneBatches(String target) {
    return "SELECT batch_id FROM sink_commits WHERE target = '"
        + ClickHouseEndpoint.fromJdbcUrl(
                options.clickhouse().url(),
                options.clickhouse().user(),
                options.clickhouse().password())
            .qualify(target)
        + "' AND state = 'done'";
  }

  /** Batch id to row count of this project's events staged but not (yet) in {@code events}. */
  private Map<String, Long> uncommittedStagedBatches() throws Exception {
    Map<String, Long> batches = new HashMap<>();
    for (List<String> row :
        clickHouseRows(
            "SELECT batch_id, count() FROM events_staging WHERE project = '"
                + project
                + "' AND batch_id NOT IN (SELECT DISTINCT sink_batch FROM events WHERE project = '"
                + project
                + "') GROUP BY batch_id")) {
      batches.put(row.get(0), Long.parseLong(row.get(1)));
    }
    return batches;
  }

  private long cassandraCount() {
    return StackClients.cassandraCount(options, project, STREAM, LocalDate.of(2024, 5, 3));
  }

  /** Every committed record of one of this test's own topics, read with read_committed. */
  private List<ConsumerRecord<byte[], byte[]>> committedRecords(String topic, int partitions) {
    List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
    Properties p = kafkaProperties(options);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> tps = new ArrayList<>();
      for (int i = 0; i < partitions; i++) {
        tps.add(new TopicPartition(topic, i));
      }
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> end = consumer.endOffsets(tps, Duration.ofSeconds(30));
      Instant deadline = Instant.now().plus(DEADLINE);
      while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && Instant.now().isBefore(deadline)) {
        consumer.poll(Duration.ofMillis(500)).forEach(found::add);
      }
    }
    return found;
  }
}
