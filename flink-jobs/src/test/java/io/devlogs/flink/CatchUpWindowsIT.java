package io.devlogs.flink;

import static io.devlogs.flink.StackClients.bytes;
import static io.devlogs.flink.StackClients.producer;

import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.records.LogWindow;
import io.devlogs.flink.sources.RawLogSource;
import io.devlogs.testing.Poll;
import io.devlogs.topics.RawRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catching up after an outage longer than the allowed lateness leaves exact minute windows.
 *
 * <p>A raw topic of the local Kafka with three partitions holds a backlog whose received times span
 * four minutes, twelve times the allowed lateness (shortened to 20 s): partition 0 holds 50 events
 * a second, as a partition that fell behind would, partitions 1 and 2 one a second (partition 2
 * without the {@code devlogs-received-ms} header, so its Kafka timestamps count). The job, with its
 * real Kafka source on a MiniCluster, reads it from the earliest offsets. The small partitions are
 * read to their end long before partition 0, so a watermark that mixed the partitions would run
 * minutes ahead of partition 0's events and make them late or too late. With watermarks per
 * partition at the source, every window of every minute, service and level closes once, with all
 * its events, and no event is too late.
 *
 * <p>The windows must close while the job runs (a tick per partition, received after the backlog,
 * moves every partition's watermark past it), and the job is then stopped with a savepoint without
 * draining, so no end-of-input watermark fires anything. A project whose client clock is an hour
 * fast sends a few events in the middle: they wait in their own future window and close nothing.
 */
class CatchUpWindowsIT {

  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final Duration WINDOWS_DEADLINE = Duration.ofSeconds(60);
  private static final int PARTITIONS = 3;
  private static final int PARALLELISM = 2;
  private static final Instant T0 = Instant.parse("2024-06-01T10:00:00Z");
  private static final int BACKLOG_SECONDS = 240;
  private static final int LAGGING_PER_SECOND = 50;
  private static final int OTHERS_PER_SECOND = 1;
  private static final int MAX_CLIENT_DELAY_MS = 4_000; // event time before received time
  private static final List<String> SERVICES = List.of("api", "web");
  private static final List<Level> LEVELS = List.of(Level.INFO, Level.ERROR);

  @RegisterExtension
  static final MiniClusterExtension MINI_CLUSTER = MiniClusterTier.withSlots(PARALLELISM);

  @TempDir Path savepoints;

  private String suffix;
  private String project;
  private String fastClockProject;
  private PipelineOptions options;
  private JobClient job;
  private final Random random = new Random(42);

  /** (service, level, minute) to the number of the project's backlog events in it. */
  private final Map<String, Long> expected = new TreeMap<>();

  private int produced;

  @BeforeEach
  void setUp() throws Exception {
    suffix = TestOptions.randomBase62(10);
    project = "p_cu" + suffix;
    fastClockProject = "p_cufast" + suffix;
    Map<String, String> values = new java.util.HashMap<>();
    values.put(
        io.devlogs.settings.keys.KafkaKeys.RAW_TOPIC.key(), "devlogs-it-catchup-raw-" + suffix);
    values.put(io.devlogs.settings.keys.JobKeys.WINDOWS_ALLOWED_LATENESS.key(), "20s");
    values.put(io.devlogs.settings.keys.JobKeys.WINDOWS_OUT_OF_ORDERNESS.key(), "5s");
    options = TestOptions.options(values);
    StackClients.createTopics(options, PARTITIONS, options.kafka().rawTopic());
  }

  @AfterEach
  void tearDown() throws Exception {
    if (job != null && !job.getJobStatus().get().isGloballyTerminalState()) {
      job.cancel().get(30, TimeUnit.SECONDS); // a failed test must not leave its job running
    }
    StackClients.deleteTopics(options, options.kafka().rawTopic());
  }

  @Test
  void aBacklogLongerThanTheAllowedLatenessLeavesOneExactRowPerWindow() throws Exception {
    produceBacklog();

    CollectingSink<LogEvent> events = new CollectingSink<>();
    CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
    CollectingSink<LogWindow> windows = new CollectingSink<>();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(PARALLELISM);
    LogPipeline.of(
            RawLogSource.builder(options.kafka())
                .setGroupId("devlogs-it-catchup-" + suffix)
                .setProperty("commit.offsets.on.checkpoint", "false")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .build(),
            new PipelineSinks(
                PipelineSinks.refusesNothing(s -> s.addSink(events).name("events").uid("events")),
                PipelineSinks.refusesNothing(
                    s -> s.sinkTo(new DiscardingSink<>()).name("cassandra").uid("cassandra")),
                s -> s.sinkTo(new DiscardingSink<>()).name("parsed").uid("parsed"),
                s -> s.addSink(deadLetters).name("dead-letters").uid("dead-letters"),
                PipelineSinks.refusesNothing(
                    s -> s.addSink(windows).name("windows").uid("windows"))),
            options)
        .addTo(env);
    job = env.executeAsync("devlogs-catch-up-it-" + suffix);

    Poll.until(
        DEADLINE,
        () -> events.values().size(),
        read -> read >= produced,
        "every record of the raw topic read");
    // The windows close while the job runs: only watermarks can fire them.
    Poll.latest(
        WINDOWS_DEADLINE,
        () -> rowsPerWindow(windows.values()).keySet(),
        fired -> fired.containsAll(expected.keySet()));
    // Stop without draining: no end-of-input watermark; every record before the savepoint's
    // barrier has reached the sinks when it completes.
    job.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
        .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

    List<LogWindow> rows = windows.values();
    Map<String, Long> firings = rowsPerWindow(rows);
    Map<String, Long> counted =
        rows.stream()
            .filter(row -> row.project().equals(project))
            .collect(
                Collectors.toMap(
                    CatchUpWindowsIT::window, LogWindow::events, Math::max, TreeMap::new));
    SoftAssertions.assertSoftly(
        softly -> {
          softly.assertThat(events.values().size()).as("events read").isEqualTo(produced);
          softly
              .assertThat(deadLetters.values().size())
              .as("dead letters (events too late for their window)")
              .isZero();
          softly
              .assertThat(rows)
              .as("rows of the fast-clock project (its future window is still open)")
              .noneMatch(row -> row.project().equals(fastClockProject));
          softly
              .assertThat(firings.values().stream().mapToLong(Long::longValue).max().orElse(0))
              .as(
                  "most firings of one window (%d rows for %d windows)",
                  rows.size(), firings.size())
              .isEqualTo(1);
          softly.assertThat(firings).as("windows fired").containsOnlyKeys(expected.keySet());
          softly.assertThat(counted).as("events per window, latest row").isEqualTo(expected);
        });
  }

  /** How many rows (firings) each (service, level, minute) of the project got. */
  private Map<String, Long> rowsPerWindow(List<LogWindow> rows) {
    return rows.stream()
        .filter(row -> row.project().equals(project))
        .collect(
            Collectors.groupingBy(CatchUpWindowsIT::window, TreeMap::new, Collectors.counting()));
  }

  private static String window(LogWindow row) {
    return key(row.service(), row.level(), row.minute());
  }

  private static String key(String service, Level level, Instant minute) {
    return service + "/" + level + "/" + minute;
  }

  // ---- input ----

  /**
   * The backlog in received-time order per partition, a tick per partition received a minute after
   * it, and the fast-clock project's events in partition 1.
   */
  private void produceBacklog() throws Exception {
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = producer(options)) {
      int n = 0;
      for (int p = 0; p < PARTITIONS; p++) {
        int perSecond = p == 0 ? LAGGING_PER_SECOND : OTHERS_PER_SECOND;
        for (int second = 0; second < BACKLOG_SECONDS; second++) {
          for (int i = 0; i < perSecond; i++, n++) {
            Instant received = T0.plusSeconds(second).plusMillis(i * 1000L / perSecond);
            Instant ts = received.minusMillis(random.nextInt(MAX_CLIENT_DELAY_MS));
            String service = SERVICES.get(n % SERVICES.size());
            Level level = LEVELS.get(n / SERVICES.size() % LEVELS.size());
            expected.merge(key(service, level, ts.truncatedTo(ChronoUnit.MINUTES)), 1L, Long::sum);
            sent.add(send(producer, p, project, received, event("b" + n, ts, service, level)));
            if (p == 1 && second % 60 == 30) {
              Instant fast = received.plus(Duration.ofHours(1));
              sent.add(
                  send(
                      producer, p, fastClockProject, received, event("f" + n, fast, "api", level)));
            }
          }
        }
        Instant tick = T0.plusSeconds(BACKLOG_SECONDS + 60);
        sent.add(send(producer, p, project, tick, event("tick" + p, tick, "tick", Level.INFO)));
      }
      producer.flush();
      for (Future<RecordMetadata> f : sent) {
        f.get(); // every record is in Kafka, or the test fails here
      }
    }
    produced = sent.size();
  }

  private static String event(String id, Instant ts, String service, Level level) {
    return "{\"id\":\""
        + id
        + "\",\"ts\":\""
        + ts
        + "\",\"level\":\""
        + level.name().toLowerCase()
        + "\",\"service\":\""
        + service
        + "\",\"msg\":\"catching up\"}";
  }

  /** A record as ingest writes it; partition 2's records carry only the Kafka timestamp. */
  private Future<RecordMetadata> send(
      KafkaProducer<byte[], byte[]> producer,
      int partition,
      String projectId,
      Instant received,
      String value) {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            options.kafka().rawTopic(),
            partition,
            received.toEpochMilli(),
            bytes(projectId),
            bytes(value));
    record.headers().add(RawRecord.HEADER_PROJECT, bytes(projectId));
    record.headers().add(RawRecord.HEADER_FORMAT, bytes("json"));
    if (partition != 2) {
      record
          .headers()
          .add(RawRecord.HEADER_RECEIVED_MS, bytes(Long.toString(received.toEpochMilli())));
    }
    return producer.send(record);
  }
}
