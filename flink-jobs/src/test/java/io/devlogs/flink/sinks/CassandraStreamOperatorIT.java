package io.devlogs.flink.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.CodecRegistry;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.policies.ConstantReconnectionPolicy;
import io.devlogs.deadletters.DeadLetterCause;
import io.devlogs.flink.MiniClusterTier;
import io.devlogs.flink.StackClients;
import io.devlogs.flink.TestOptions;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.records.DeadLetter;
import io.devlogs.flink.records.Level;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.testing.Poll;
import io.devlogs.testing.TcpProxy;
import io.devlogs.topics.DeadLetterRecord;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.SinkFunction;
import org.apache.flink.streaming.api.functions.source.SourceFunction;
import org.apache.flink.streaming.connectors.cassandra.ClusterBuilder;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Cassandra operator in a job on a MiniCluster against the local stack's Cassandra and Kafka,
 * with checkpoints every 300 ms and a restart strategy that would restart the job (so a failure
 * shows as a restart, which the tests rule out through the execution attempts).
 *
 * <ul>
 *   <li>Poison rows (a test row mapping gives some events an event_id of 70,000 bytes, which
 *       Cassandra refuses) mixed into a stream end up exactly once in the exactly-once Kafka
 *       dead-letter topic (read_committed), every other row once in Cassandra, and nothing
 *       restarts.
 *   <li>Cassandra unreachable (the operator writes through a {@link TcpProxy} that the test takes
 *       down for a while; the shared Cassandra keeps running): another sink on the same events
 *       keeps receiving them, checkpoints keep completing, nothing is written meanwhile, and once
 *       the proxy is back every row is written within seconds, with no restart.
 * </ul>
 */
class CassandraStreamOperatorIT {

  @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusterTier.withSlots(2);

  private static final Instant DAY = Instant.parse("2024-05-03T00:00:00Z");
  private static final int STREAMS = 4;
  private static final Duration DEADLINE = Duration.ofMinutes(2);

  private final String suffix = TestOptions.randomBase62(8);
  private final String project = "p_co_" + suffix;
  private final String deadLetterTopic = "devlogs-it-cassandra-dlq-" + suffix;
  private final Map<String, String> settings = new java.util.HashMap<>();
  private PipelineOptions options;

  @AfterEach
  void deleteTopic() {
    if (options != null) {
      StackClients.deleteTopics(options, deadLetterTopic);
    }
  }

  @Test
  void poisonRowsBecomeDeadLettersOnceAndEveryOtherRowIsWrittenOnce(
      @InjectMiniCluster MiniCluster cluster) throws Exception {
    settings.put(io.devlogs.settings.keys.KafkaKeys.DEAD_LETTER_TOPIC.key(), deadLetterTopic);
    settings.put(
        io.devlogs.settings.keys.KafkaKeys.DEAD_LETTER_TRANSACTIONAL_ID_PREFIX.key(),
        "devlogs-it-cassandra-" + suffix);
    options = TestOptions.options(settings);
    StackClients.createTopics(options, 1, deadLetterTopic);
    int total = 3_000;
    Set<String> poison = new HashSet<>();
    for (int i = 0; i < total; i += 37) {
      poison.add(id(i));
    }

    StreamExecutionEnvironment env = environment();
    DataStream<LogEvent> events = events(env, total, 1_500);
    DataStream<DeadLetter> refused =
        CassandraStreamSink.attach(
            events,
            options.cassandra(),
            CassandraStreamSink.LIMITS,
            CassandraStreamOperatorIT::poisonRow);
    DeadLetterSink.attach(refused, options.kafka().deadLetters());
    JobClient job = env.executeAsync("cassandra-poison-it-" + suffix);
    job.getJobExecutionResult().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);

    assertThat(attempts(cluster, job.getJobID()))
        .as("execution attempts (0: no restart)")
        .containsOnly(0);
    List<ConsumerRecord<byte[], byte[]>> letters = committedDeadLetters();
    List<String> letterIds = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : letters) {
      String json = new String(r.value(), StandardCharsets.UTF_8);
      letterIds.add(json.replaceAll("^.*\"id\":\"([^\"]+)\".*$", "$1"));
      assertThat(StackClients.header(r, DeadLetterRecord.HEADER_CAUSE))
          .isEqualTo(DeadLetterCause.REFUSED_BY_CASSANDRA.code());
      assertThat(StackClients.header(r, DeadLetterRecord.HEADER_REASON))
          .startsWith("Cassandra refused the row: InvalidQueryException: Key length of 70");
      assertThat(StackClients.header(r, DeadLetterRecord.HEADER_SOURCE))
          .isEqualTo("cassandra/-1/-1");
    }
    assertThat(letterIds).as("dead letters, read_committed").hasSize(poison.size());
    assertThat(letterIds).containsExactlyInAnyOrderElementsOf(poison);

    Set<String> expected = new HashSet<>();
    for (int i = 0; i < total; i++) {
      if (!poison.contains(id(i))) {
        expected.add(id(i));
      }
    }
    List<String> stored = storedIds(options);
    assertThat(stored).hasSize(expected.size());
    assertThat(new HashSet<>(stored)).isEqualTo(expected);
  }

  @Test
  void anOutageIsWaitedOutWhileOtherSinksAndCheckpointsGoOn(@InjectMiniCluster MiniCluster cluster)
      throws Exception {
    options = TestOptions.options(settings);
    io.devlogs.flink.config.CassandraOptions.ContactPoint cassandra =
        options.cassandra().contactPoints().get(0);
    try (TcpProxy proxy = TcpProxy.to(cassandra.host(), cassandra.port());
        Cluster reader =
            new CassandraStreamSink.ContactPointsClusterBuilder(
                    options.cassandra().contactPoints(), options.cassandra().datacenter())
                .getCluster();
        Session session = reader.connect()) {
      int total = 8_000;
      StreamExecutionEnvironment env = environment();
      DataStream<LogEvent> events = events(env, total, 400);
      String witness = "witness-" + suffix;
      events.addSink(new CountingSink<LogEvent>(witness)).name("witness").uid("witness");
      events
          .transform(
              CassandraStreamSink.NAME,
              TypeInformation.of(DeadLetter.class),
              new CassandraStreamOperator(
                  new ProxiedCluster(proxy.port(), options.cassandra().datacenter()),
                  options.cassandra().keyspace(),
                  CassandraStreamSink.LIMITS,
                  CassandraStreamRow::of,
                  CassandraStreamSink.CHECKPOINT_WAIT,
                  CassandraStreamSink.FINISH_TIMEOUT))
          .uid(CassandraStreamSink.UID)
          .addSink(new CountingSink<DeadLetter>("letters-" + suffix))
          .name("letters");
      JobClient job = env.executeAsync("cassandra-outage-it-" + suffix);
      JobID id = job.getJobID();

      Poll.until(
          DEADLINE, () -> storedIds(session, options).size(), n -> n >= 400, "rows written before");
      proxy.cut();
      assertThat(CountingSink.count(witness))
          .as("events emitted when the proxy went down")
          .isLessThan(total / 2);
      long downAt = System.nanoTime();
      int storedAtDown = storedIds(session, options).size();
      long seenAtDown = CountingSink.count(witness);
      long checkpointsAtDown = completedCheckpoints(cluster, id);
      Poll.until(
          DEADLINE,
          () ->
              List.of(
                  CountingSink.count(witness) - seenAtDown,
                  completedCheckpoints(cluster, id) - checkpointsAtDown),
          d -> d.get(0) >= 2_000 && d.get(1) >= 5,
          "events reaching the other sink and checkpoints completing while Cassandra is down");
      long outageMs = (System.nanoTime() - downAt) / 1_000_000;
      int storedDuringOutage = storedIds(session, options).size();
      assertThat(storedDuringOutage - storedAtDown)
          .as("rows written while Cassandra was unreachable (only those answered before the cut)")
          .isLessThanOrEqualTo(
              CassandraStreamSink.MAX_REQUESTS_IN_FLIGHT * CassandraStreamSink.MAX_ROWS_PER_CHUNK);
      long seenAtUp = CountingSink.count(witness);
      long checkpointsWhileDown = completedCheckpoints(cluster, id) - checkpointsAtDown;

      proxy.restore();
      long upAt = System.nanoTime();
      Poll.until(
          DEADLINE,
          Duration.ofMillis(100),
          () -> storedIds(session, options).size(),
          n -> n >= seenAtUp,
          "the rows pending at the proxy's return written");
      long catchUpMs = (System.nanoTime() - upAt) / 1_000_000;
      System.out.printf(
          "OUTAGE | down %d ms | other sink +%d events, checkpoints +%d while down | %d rows pending"
              + " written %d ms after the return%n",
          outageMs,
          seenAtUp - seenAtDown,
          checkpointsWhileDown,
          seenAtUp - storedDuringOutage,
          catchUpMs);
      assertThat(catchUpMs)
          .as("ms from the return until the pending rows are written")
          .isLessThan(10_000);

      job.getJobExecutionResult().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(attempts(cluster, id)).as("execution attempts (0: no restart)").containsOnly(0);
      List<String> stored = storedIds(session, options);
      assertThat(stored).hasSize(total);
      assertThat(new HashSet<>(stored)).hasSize(total);
      assertThat(CountingSink.count("letters-" + suffix)).isZero();
    }
  }

  private static StreamExecutionEnvironment environment() {
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.configure(conf);
    env.setParallelism(2);
    env.enableCheckpointing(300);
    return env;
  }

  /** {@code total} events of the test's project, {@code perSecond}, spread over the streams. */
  private DataStream<LogEvent> events(StreamExecutionEnvironment env, int total, int perSecond) {
    return env.addSource(new PacedEvents(project, total, perSecond))
        .setParallelism(1)
        .name("paced events")
        .uid("paced-events")
        .rebalance();
  }

  private static String id(int i) {
    return "e-" + i;
  }

  /**
   * The production row, except that an event whose id is a multiple of 37 gets a partition key too
   * long (its stream).
   */
  private static CassandraStreamRow poisonRow(LogEvent event) {
    CassandraStreamRow row = CassandraStreamRow.of(event);
    int n = Integer.parseInt(event.eventId().substring(2));
    if (n % 37 != 0) {
      return row;
    }
    return new CassandraStreamRow(
        row.project(),
        "x".repeat(70_000) + row.stream(),
        row.day(),
        row.ts(),
        row.eventId(),
        row.level(),
        row.service(),
        row.message(),
        row.attributes(),
        row.receivedAt(),
        row.ingestLagMs(),
        row.sizeBytes(),
        row.ttlSeconds());
  }

  /** Every event id of the project in Cassandra (one entry per event as read). */
  private List<String> storedIds(PipelineOptions o) {
    try (Cluster c =
            new CassandraStreamSink.ContactPointsClusterBuilder(
                    o.cassandra().contactPoints(), o.cassandra().datacenter())
                .getCluster();
        Session session = c.connect()) {
      return storedIds(session, o);
    }
  }

  private List<String> storedIds(Session session, PipelineOptions o) {
    List<String> ids = new ArrayList<>();
    for (int s = 0; s < STREAMS; s++) {
      for (StackClients.StoredStreamEvent e :
          StackClients.cassandraEvents(
              session, o, project, "s-" + s, java.time.LocalDate.of(2024, 5, 3))) {
        ids.add(e.event().eventId());
      }
    }
    return ids;
  }

  private static List<Integer> attempts(MiniCluster cluster, JobID id) throws Exception {
    AccessExecutionGraph graph = cluster.getExecutionGraph(id).get(30, TimeUnit.SECONDS);
    List<Integer> attempts = new ArrayList<>();
    for (AccessExecutionVertex v : graph.getAllExecutionVertices()) {
      attempts.add(v.getCurrentExecutionAttempt().getAttemptNumber());
    }
    return attempts;
  }

  private static long completedCheckpoints(MiniCluster cluster, JobID id) throws Exception {
    AccessExecutionGraph graph = cluster.getExecutionGraph(id).get(30, TimeUnit.SECONDS);
    return graph.getCheckpointStatsSnapshot().getCounts().getNumberOfCompletedCheckpoints();
  }

  private List<ConsumerRecord<byte[], byte[]>> committedDeadLetters() {
    List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
    Properties p = StackClients.kafkaProperties(options);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(deadLetterTopic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(30)).get(tp);
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      while (consumer.position(tp) < end && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(found::add);
      }
    }
    return found;
  }

  /** Emits events at a steady rate (the test's timeline), checkpoint lock held per event. */
  @SuppressWarnings("deprecation")
  private static final class PacedEvents implements SourceFunction<LogEvent> {
    private final String project;
    private final int total;
    private final int perSecond;
    private volatile boolean running = true;

    PacedEvents(String project, int total, int perSecond) {
      this.project = project;
      this.total = total;
      this.perSecond = perSecond;
    }

    @Override
    public void run(SourceContext<LogEvent> ctx) {
      long start = System.nanoTime();
      for (int i = 0; i < total && running; i++) {
        synchronized (ctx.getCheckpointLock()) {
          ctx.collect(
              new LogEvent(
                  project,
                  id(i),
                  LogEvent.toEpochNanos(DAY.plusMillis(i)),
                  Level.INFO,
                  "api",
                  "s-" + (i % STREAMS),
                  "message " + i,
                  Map.of("n", Integer.toString(i)),
                  DAY.plusMillis(i + 1).toEpochMilli(),
                  100,
                  7));
        }
        long due = start + (long) i * 1_000_000_000L / perSecond;
        LockSupport.parkNanos(due - System.nanoTime()); // pacing, not synchronisation
      }
    }

    @Override
    public void cancel() {
      running = false;
    }
  }

  /** Counts what it receives, per name (the MiniCluster runs in this JVM). */
  @SuppressWarnings("deprecation")
  private static final class CountingSink<T> implements SinkFunction<T> {
    private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();
    private final String name;

    CountingSink(String name) {
      this.name = name;
      COUNTS.put(name, new AtomicLong());
    }

    @Override
    public void invoke(T value, Context context) {
      COUNTS.get(name).incrementAndGet();
    }

    static long count(String name) {
      return COUNTS.get(name).get();
    }
  }

  /** The production cluster settings, but every node reached through the proxy's port. */
  private static final class ProxiedCluster extends ClusterBuilder {
    private static final long serialVersionUID = 1L;
    private final int port;
    private final String datacenter;

    ProxiedCluster(int port, String datacenter) {
      this.port = port;
      this.datacenter = datacenter;
    }

    @Override
    protected Cluster buildCluster(Cluster.Builder builder) {
      InetSocketAddress proxy = new InetSocketAddress("127.0.0.1", port);
      return builder
          .addContactPointsWithPorts(List.of(proxy))
          .withAddressTranslator(
              new com.datastax.driver.core.policies.AddressTranslator() {
                @Override
                public void init(Cluster cluster) {}

                @Override
                public InetSocketAddress translate(InetSocketAddress address) {
                  return proxy;
                }

                @Override
                public void close() {}
              })
          .withReconnectionPolicy(new ConstantReconnectionPolicy(1_000))
          .withCodecRegistry(
              new CodecRegistry()
                  .register(JavaTimeCodecs.LocalDateCodec.INSTANCE)
                  .register(JavaTimeCodecs.InstantCodec.INSTANCE))
          .build();
    }
  }
}
