package io.devlogs.flink.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.devlogs.flink.LogPipeline;
import io.devlogs.flink.MiniClusterTier;
import io.devlogs.flink.PipelineSinks;
import io.devlogs.flink.RulesDatabase;
import io.devlogs.flink.StackClients;
import io.devlogs.flink.TestOptions;
import io.devlogs.flink.alerts.AlertOptions;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.sinks.ClickHouseRecordedMinuteFormat;
import io.devlogs.flink.sinks.clickhouse.ExactlyOnceClickHouseSink;
import io.devlogs.flink.sinks.clickhouse.FailureInjection;
import io.devlogs.flink.sinks.clickhouse.FailureInjection.Point;
import io.devlogs.flink.sources.RawLogSource;
import io.devlogs.latency.LatencyBuckets;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.KafkaKeys;
import io.devlogs.testing.Poll;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Recording rules end to end on a MiniCluster: raw records from the stack's Kafka through the job's
 * own graph (parse, enrich, de-duplicate), a rule created in a PostgreSQL of this test (port 27200)
 * while the job runs, its minute rows in the stack's ClickHouse {@code recorded_minutes} through
 * the exactly-once sink, which fails once at a point of its protocol; after the restore every
 * group's minute holds exactly its events, once.
 *
 * <p>The test drives the watermarks with the records' received times (one partition, parallelism
 * 1): events of a minute, then a record received two minutes later closes it.
 */
class RecordingPipelineIT {

  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final int POSTGRES_PORT = 27_200;

  @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusterTier.withSlots(1);

  private static RulesDatabase postgres;

  private String suffix;
  private String project;
  private Settings settings;
  private PipelineOptions options;
  private JobClient job;
  private KafkaProducer<byte[], byte[]> producer;
  private int sent;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = RulesDatabase.start(POSTGRES_PORT, Map.of());
  }

  @AfterAll
  static void stopPostgres() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    project = "p_rec" + suffix;
    Map<String, String> values = postgres.jobSettings();
    values.put(KafkaKeys.RAW_TOPIC.key(), "rec-raw-" + suffix);
    settings = TestOptions.settings(values);
    options = PipelineOptions.from(settings);
    StackClients.createTopics(options, 1, options.kafka().rawTopic());
    postgres.createProject(project);
    producer = StackClients.producer(options);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (job != null && !job.getJobStatus().get().isGloballyTerminalState()) {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
    FailureInjection.disarm(suffix);
    producer.close();
    StackClients.deleteTopics(options, options.kafka().rawTopic());
  }

  @ParameterizedTest
  @EnumSource(
      value = Point.class,
      names = {"WRITER_AFTER_STAGE", "COMMIT_AFTER_INSERT"})
  void aRuleCreatedWhileTheJobRunsRecordsEachGroupsMinuteExactlyOnceAfterAFailure(Point point)
      throws Exception {
    start();
    String rule =
        insertRule(
            "{\"filter\": {\"text\": \"checkout\"}, \"aggregation\": \"p90\", \"field\": \"ms\","
                + " \"group_by\": [\"service\"], \"max_groups\": 2}");
    Instant probeMinute =
        Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
    // The rule is loaded once a probe event is recorded: each probe is late for its closed minute
    // (within the allowed lateness), so it fires that minute again at once.
    Poll.until(
        DEADLINE,
        () -> {
          send(
              probeMinute.plusSeconds(1),
              probeMinute.plusSeconds(1),
              "probe",
              "checkout probe",
              "1");
          send(probeMinute.plusSeconds(120), probeMinute.plusSeconds(120), "tick", "tick", null);
          return queryLong(
              "SELECT count() FROM devlogs.recorded_minutes WHERE project = '"
                  + project
                  + "' AND rule_id = '"
                  + rule
                  + "'");
        },
        n -> n > 0,
        "the rule's first probe row in ClickHouse");

    Instant minute = probeMinute.plus(5, ChronoUnit.MINUTES);
    FailureInjection.arm(suffix, point, 0);
    for (String ms : new String[] {"10", "20", "30", "40", null}) {
      send(minute.plusSeconds(1), minute.plusSeconds(2), "pay", "checkout done", ms);
    }
    for (int i = 0; i < 3; i++) {
      send(minute.plusSeconds(3), minute.plusSeconds(4), "shop", "checkout done", "5");
    }
    send(minute.plusSeconds(5), minute.plusSeconds(6), "ads", "checkout done", "1");
    send(minute.plusSeconds(5), minute.plusSeconds(6), "ads", "checkout done", "2");
    send(minute.plusSeconds(7), minute.plusSeconds(8), "pay", "browsing", "999");
    send(minute.plusSeconds(130), minute.plusSeconds(130), "tick", "tick", null);

    String rows =
        "SELECT group_key, other, argMax(events, version), argMax(value_count, version),"
            + " argMax(value_sum, version), argMax(value_min, version), argMax(value_max, version),"
            + " argMax(value_p50, version), argMax(value_p90, version)"
            + " FROM devlogs.recorded_minutes WHERE project = '"
            + project
            + "' AND rule_id = '"
            + rule
            + "' AND minute = toDateTime("
            + minute.getEpochSecond()
            + ") GROUP BY group_key, other ORDER BY other, group_key";
    Map<String, double[]> groups =
        Poll.until(
            DEADLINE, () -> queryRows(rows), g -> g.size() == 3, "three groups of the minute");
    assertThat(FailureInjection.fired(suffix)).as("the injected failure happened").isTrue();

    double[] pay = groups.get("{\"service\":\"pay\"}/0");
    assertThat(pay).as("pay: 5 events, 4 with a value").isNotNull();
    assertThat(Arrays.copyOf(pay, 5)).containsExactly(5, 4, 100, 10, 40);
    assertThat(pay[5]).as("p50").isCloseTo(20, within(20 * LatencyBuckets.RELATIVE_ERROR));
    assertThat(pay[6]).as("p90: the largest of 4").isEqualTo(40);
    assertThat(groups.get("{\"service\":\"shop\"}/0")).containsExactly(3, 3, 15, 5, 5, 5, 5);
    assertThat(groups.get("{}/1")).as("ads past max_groups").containsExactly(2, 2, 3, 1, 2, 1, 2);

    assertThat(
            queryLong(
                "SELECT count() FROM (SELECT group_key, other, version, count() AS n FROM"
                    + " devlogs.recorded_minutes WHERE project = '"
                    + project
                    + "' GROUP BY group_key, other, version, minute HAVING n > 1)"))
        .as("no row version committed twice")
        .isZero();
  }

  // ---- the job ----

  private void start() throws Exception {
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 5);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(1);
    AlertOptions rules = AlertOptions.from(settings);
    LogPipeline.of(
            RawLogSource.builder(options.kafka())
                .setGroupId("rec-it-job-" + suffix)
                .setProperty("commit.offsets.on.checkpoint", "false")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .build(),
            new PipelineSinks(
                PipelineSinks.discard(),
                PipelineSinks.discard(),
                s -> s.sinkTo(new DiscardingSink<>()).name("parsed").uid("parsed"),
                s -> s.sinkTo(new DiscardingSink<>()).name("dead-letters").uid("dead-letters"),
                PipelineSinks.discard()),
            options)
        .withRecording(
            events -> {
              SingleOutputStreamOperator<RecordedMinute> minutes =
                  RecordingPipeline.record(
                      events,
                      new PostgresRecordingRulesSource(rules.postgres()),
                      rules.refresh(),
                      options.windows());
              return Optional.of(
                  new RecordingPipeline.Recorded(
                      minutes,
                      Optional.of(
                          ExactlyOnceClickHouseSink.builder(
                                  FailureInjection.format(
                                      suffix, new ClickHouseRecordedMinuteFormat()))
                              .endpoint(options.clickhouse().endpoint())
                              .tables(
                                  "recorded_minutes", "recorded_minutes_staging", "sink_commits")
                              .client(FailureInjection.clients(suffix))
                              .build()
                              .attach(
                                  minutes,
                                  RecordingPipeline.SINK_NAME,
                                  RecordingPipeline.SINK_UID))));
            })
        .addTo(env);
    job = env.executeAsync("recording-it-" + suffix);
  }

  // ---- rules, events, rows ----

  private String insertRule(String definition) throws Exception {
    String id = UUID.randomUUID().toString();
    sql(
        "INSERT INTO recording_rules (project_id, id, name, definition) VALUES ('"
            + project
            + "', '"
            + id
            + "', 'checkout ms', '"
            + definition
            + "')");
    return id;
  }

  private void send(Instant time, Instant received, String service, String message, String ms)
      throws Exception {
    String json =
        StackClients.eventJson(
            "rec-" + suffix + "-" + ++sent,
            time,
            "info",
            service,
            message,
            ms == null ? "" : "\"ms\":" + ms);
    producer.send(StackClients.rawRecord(options, project, received, json)).get();
  }

  private long queryLong(String sql) throws Exception {
    return StackClients.clickHouseLong(options, sql);
  }

  /** The rows by {@code group_key/other}: events, count, sum, min, max, p50, p90. */
  private Map<String, double[]> queryRows(String sql) throws Exception {
    Map<String, double[]> rows = new HashMap<>();
    try (Connection c = StackClients.clickHouse(options);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        double[] values = new double[7];
        for (int i = 0; i < values.length; i++) {
          values[i] = r.getDouble(3 + i);
        }
        rows.put(r.getString(1) + "/" + r.getInt(2), values);
      }
    }
    return rows;
  }

  private static void sql(String sql) throws Exception {
    postgres.sql(sql);
  }
}
