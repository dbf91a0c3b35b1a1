package io.devlogs.flink.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.alerts.AlertState;
import io.devlogs.alerts.AlertTransition;
import io.devlogs.alerts.AlertTransitionJson;
import io.devlogs.flink.LogPipeline;
import io.devlogs.flink.MiniClusterTier;
import io.devlogs.flink.PipelineSinks;
import io.devlogs.flink.RulesDatabase;
import io.devlogs.flink.StackClients;
import io.devlogs.flink.TestOptions;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.recording.RecordingPipeline;
import io.devlogs.flink.records.LogEvent;
import io.devlogs.flink.sources.RawLogSource;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.KafkaKeys;
import io.devlogs.testing.Poll;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.SinkFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Alerts decided in the stream, end to end on a MiniCluster: raw records from the stack's Kafka
 * through the job's own graph (parse, enrich, de-duplicate), rules and silences from a PostgreSQL
 * of this test (started with {@code max_prepared_transactions}, port 27300), transitions to a Kafka
 * topic (read {@code read_committed}) and to {@code alert_history} (the XA sink).
 */
class AlertPipelineIT {

  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final int POSTGRES_PORT = 27_300;

  @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusterTier.withSlots(2);

  private static RulesDatabase postgres;

  /** Events whose message holds a key armed here fail the job once (a store's failure). */
  private static final Set<String> ARMED = ConcurrentHashMap.newKeySet();

  private String suffix;
  private String project;
  private Settings settings;
  private PipelineOptions options;
  private JobClient job;
  private KafkaProducer<byte[], byte[]> producer;
  private final List<AlertTransition> seen = new ArrayList<>();
  private KafkaConsumer<byte[], byte[]> consumer;
  private int sent;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = RulesDatabase.start(POSTGRES_PORT, Map.of("max_prepared_transactions", "16"));
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
    project = "p_alr" + suffix;
    Map<String, String> values = postgres.jobSettings();
    values.put(KafkaKeys.RAW_TOPIC.key(), "alr-raw-" + suffix);
    values.put(KafkaKeys.ALERTS_TOPIC.key(), "alr-alerts-" + suffix);
    values.put(KafkaKeys.ALERTS_TRANSACTIONAL_ID_PREFIX.key(), "alr-alerts-" + suffix);
    settings = TestOptions.settings(values);
    options = PipelineOptions.from(settings);
    StackClients.createTopics(options, 1, options.kafka().rawTopic(), alertsTopic());
    postgres.createProject(project);
    producer = StackClients.producer(options);
    Properties p = StackClients.kafkaProperties(options);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "alr-it-" + suffix);
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(alertsTopic()));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (job != null && !job.getJobStatus().get().isGloballyTerminalState()) {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
    ARMED.clear();
    producer.close();
    consumer.close();
    StackClients.deleteTopics(options, options.kafka().rawTopic(), alertsTopic());
  }

  // ---- the scenarios ----

  @Test
  void aRuleFiresResolvesAndIsSilenced() throws Exception {
    String rule = matchCount("declines", "{\"text\": \"declined\"}", 3, "> 2");
    String probe = absence("probe", "{\"service\": \"never\"}", 1);
    start(null);
    awaitTransition(probe, AlertState.FIRING, 1); // the rules are loaded

    send("pay", "error", "card declined");
    send("pay", "error", "card declined");
    send("pay", "info", "card accepted");
    send("pay", "error", "card declined");
    AlertTransition firing = awaitTransition(rule, AlertState.FIRING, 1);
    assertThat(firing.value()).isEqualTo(3);
    assertThat(firing.silenced()).isFalse();
    AlertTransition resolved = awaitTransition(rule, AlertState.RESOLVED, 1);
    assertThat(resolved.previousState()).isEqualTo(AlertState.FIRING);

    // A silence of the rule; the probe's new version shows the job has loaded it.
    sql(
        "INSERT INTO alert_silences (project_id, rule_id, matchers, ends_at, created_by, comment)"
            + " VALUES ('"
            + project
            + "', '"
            + rule
            + "', '{}', now() + interval '1 hour',"
            + " 'alr', 'maintenance')");
    sql("UPDATE alert_rules SET version = 2 WHERE id = '" + probe + "'");
    awaitTransition(probe, AlertState.FIRING, 2);
    for (int i = 0; i < 3; i++) {
      send("pay", "error", "declined again");
    }
    AlertTransition silencedFiring = awaitSequence(rule, 3);
    assertThat(silencedFiring.state()).isEqualTo(AlertState.FIRING);
    assertThat(silencedFiring.silenced()).isTrue();
    AlertTransition silencedResolve = awaitSequence(rule, 4);
    assertThat(silencedResolve.state()).isEqualTo(AlertState.RESOLVED);
    assertThat(silencedResolve.silenced()).isTrue();

    assertTopicAndHistoryHoldEveryTransitionOnce();
    assertThat(
            queryLong(
                "SELECT count(*) FROM alert_history WHERE rule_id = '"
                    + rule
                    + "' AND labels->>'silenced' = 'true'"))
        .as("silenced transitions recorded in the history")
        .isEqualTo(2);
  }

  @Test
  void aRuleChangedWhileRunningStartsAfreshAndADisabledOneResolves() throws Exception {
    String rule = matchCount("declines", "{\"service\": \"pay\"}", 600, "> 2");
    String probe = absence("probe", "{\"service\": \"never\"}", 1);
    start(null);
    awaitTransition(probe, AlertState.FIRING, 1);
    for (int i = 0; i < 3; i++) {
      send("pay", "error", "declined " + i);
    }
    awaitTransition(rule, AlertState.FIRING, 1);

    sql(
        "UPDATE alert_rules SET definition = '{\"filter\": {\"service\": \"pay\"}, \"window_seconds\":"
            + " 600, \"op\": \">\", \"threshold\": 5}', version = 2 WHERE id = '"
            + rule
            + "'");
    awaitTransition(rule, AlertState.RESOLVED, 1);
    for (int i = 0; i < 5; i++) {
      send("pay", "error", "declined again " + i);
    }
    send("shop", "error", "not for this rule");
    send("pay", "error", "the sixth");
    AlertTransition firing = awaitTransition(rule, AlertState.FIRING, 2);
    assertThat(firing.value()).as("only the events after the change").isEqualTo(6);

    sql("UPDATE alert_rules SET enabled = FALSE WHERE id = '" + rule + "'");
    awaitTransition(rule, AlertState.RESOLVED, 2);
    assertTopicAndHistoryHoldEveryTransitionOnce();
  }

  @Test
  void absenceFiresAfterTheWindowWithoutEventsAndResolvesOnOne() throws Exception {
    String rule = absence("heartbeat", "{\"service\": \"cron\"}", 2);
    start(null);
    send("cron", "info", "tick");
    AlertTransition firing = awaitTransition(rule, AlertState.FIRING, 1);
    assertThat(firing.value()).isGreaterThanOrEqualTo(2);
    assertThat(firing.triggerEventId()).isNull();
    send("cron", "info", "tick again");
    awaitTransition(rule, AlertState.RESOLVED, 1);
    assertTopicAndHistoryHoldEveryTransitionOnce();
  }

  @Test
  void failuresWhileFiringRepeatNoTransitionAndLoseNone() throws Exception {
    // The window outlasts a restart under load: the replayed events are still inside it.
    String rule = matchCount("declines", "{\"service\": \"pay\"}", 20, "> 2");
    String probe = absence("probe", "{\"service\": \"never\"}", 1);
    start(null);
    awaitTransition(probe, AlertState.FIRING, 1);

    send("pay", "error", "one");
    send("pay", "error", "two");
    ARMED.add("fail-a-" + suffix); // the crossing event fails the job once
    send("pay", "error", "three fail-a-" + suffix);
    awaitTransition(rule, AlertState.FIRING, 1);
    assertThat(ARMED).as("the failure happened").doesNotContain("fail-a-" + suffix);

    ARMED.add("fail-b-" + suffix); // and again while the alert is firing
    send("shop", "info", "fail-b-" + suffix);
    awaitTransition(rule, AlertState.RESOLVED, 1);
    assertThat(ARMED).as("the second failure happened").isEmpty();

    assertTopicAndHistoryHoldEveryTransitionOnce();
    assertThat(seenOf(rule))
        .extracting(AlertTransition::state)
        .containsExactly(AlertState.FIRING, AlertState.RESOLVED);
  }

  @Test
  void aSavepointTakenWhileFiringRestoresTheAlert(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    String rule = matchCount("declines", "{\"service\": \"pay\"}", 6, "> 1");
    String probe = absence("probe", "{\"service\": \"never\"}", 1);
    start(null);
    awaitTransition(probe, AlertState.FIRING, 1);
    send("pay", "error", "one");
    send("pay", "error", "two");
    awaitTransition(rule, AlertState.FIRING, 1);

    String savepoint =
        job.stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL)
            .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    start(savepoint);
    AlertTransition resolved = awaitTransition(rule, AlertState.RESOLVED, 1);
    assertThat(resolved.previousState())
        .as("the restored job knew it was firing")
        .isEqualTo(AlertState.FIRING);
    assertThat(resolved.idempotencyKey()).endsWith("/2");
    assertTopicAndHistoryHoldEveryTransitionOnce();
    assertThat(seenOf(probe))
        .as("the probe stayed firing across the restore: no new transition")
        .hasSize(1);
  }

  // ---- the job ----

  @Test
  void aLatencyPercentileFiresOnSlowRequestsAndResolvesWhenTheyLeaveTheWindow() throws Exception {
    String rule =
        insertRule(
            "slow pay",
            "latency_percentile",
            "{\"filter\": {\"service\": \"pay\"}, \"window_seconds\": 5, \"percentile\": 0.9,"
                + " \"op\": \">\", \"threshold\": 500}");
    String probe = absence("probe", "{\"service\": \"never\"}", 1);
    start(null);
    awaitTransition(probe, AlertState.FIRING, 1);

    for (int i = 0; i < 9; i++) {
      send("pay", "info", "GET /cart " + i, "\"duration_ms\": 20");
    }
    send("pay", "info", "GET /cart without a duration", "");
    send("shop", "info", "GET /slow elsewhere", "\"duration_ms\": 5000");
    for (int i = 0; i < 3; i++) {
      send("pay", "info", "POST /charge " + i, "\"duration_ms\": 900");
    }
    AlertTransition firing = awaitTransition(rule, AlertState.FIRING, 1);
    assertThat(firing.value())
        .as("p90 of the pay durations in the window, within the buckets' 1%")
        .isCloseTo(900, org.assertj.core.data.Percentage.withPercentage(1.5));
    assertThat(firing.summary()).startsWith("slow pay: p90 latency 9");
    awaitTransition(rule, AlertState.RESOLVED, 1);
    assertThat(seenOf(rule))
        .extracting(AlertTransition::state)
        .containsExactly(AlertState.FIRING, AlertState.RESOLVED);
    assertTopicAndHistoryHoldEveryTransitionOnce();
  }

  @Test
  void aNewPatternFiresOnceForEachPatternTheServiceNeverShowedAndResolvesAWindowLater()
      throws Exception {
    String rule =
        insertRule(
            "new in pay",
            "new_pattern",
            "{\"filter\": {\"service\": \"pay\"}, \"window_seconds\": 15}");
    // Loaded with the rule: fires when the rule's learning window is over.
    String learned = absence("learning over", "{\"service\": \"never\"}", 15);
    String probe = absence("probe", "{\"service\": \"never\"}", 1);
    start(null);
    awaitTransition(probe, AlertState.FIRING, 1);
    for (int i = 1; i <= 3; i++) {
      send("pay", "info", "user " + i + " logged in from 10.0.0." + i);
    }
    awaitTransition(learned, AlertState.FIRING, 1);

    send("pay", "info", "user 4 logged in from 10.0.0.4"); // learned: no alert
    send("pay", "error", "disk full on volume /var");
    send("pay", "error", "disk full on volume /tmp");
    send("shop", "error", "checkout queue stalled for 30 seconds"); // another service
    send("pay", "warn", "cache miss storm on node 7 of 12 shards");
    await(
        t -> seenOf(rule).stream().filter(x -> x.state() == AlertState.FIRING).count() == 2,
        "two new patterns firing");
    AlertTransition resolved = awaitTransition(rule, AlertState.RESOLVED, 1);

    List<AlertTransition> firings =
        seenOf(rule).stream().filter(t -> t.state() == AlertState.FIRING).toList();
    assertThat(firings)
        .extracting(AlertTransition::summary)
        .containsExactlyInAnyOrder(
            "new in pay: a new log pattern in pay: disk full on volume /var",
            "new in pay: a new log pattern in pay: cache miss storm on node 7 of 12 shards");
    assertThat(firings)
        .extracting(t -> t.labels().get("pattern"))
        .doesNotContainNull()
        .doesNotHaveDuplicates();
    assertThat(firings).extracting(AlertTransition::fingerprint).doesNotHaveDuplicates();
    assertThat(firings.stream().map(AlertTransition::fingerprint)).contains(resolved.fingerprint());
    await(
        t -> seenOf(rule).stream().filter(x -> x.state() == AlertState.RESOLVED).count() == 2,
        "both pattern alerts resolved");
    assertThat(seenOf(rule)).as("each new pattern fires once and resolves once").hasSize(4);
    assertTopicAndHistoryHoldEveryTransitionOnce();
  }

  /**
   * A derived_metric rule over a recording rule's minutes, recorded by the job beside it (to the
   * stack's ClickHouse): the minute's on-time firing stays under the threshold, a late event
   * refires it over (a refired minute replaces its earlier value), and a later quiet minute of the
   * metric resolves it. Received times are set, so the test closes the minutes.
   */
  @Test
  void aDerivedMetricRuleFiresWhenARefiredMinuteCrossesAndResolvesOnALaterMinute()
      throws Exception {
    String recording = UUID.randomUUID().toString();
    sql(
        "INSERT INTO recording_rules (project_id, id, name, definition) VALUES ('"
            + project
            + "', '"
            + recording
            + "', 'pay events', '{\"filter\": {\"service\": \"pay\"}, \"aggregation\":"
            + " \"count\", \"group_by\": [\"service\"]}')");
    String rule =
        insertRule(
            "pay per 2m",
            "derived_metric",
            "{\"recording_rule_id\": \""
                + recording
                + "\", \"group\": {\"service\": \"pay\"}, \"over\": \"sum\","
                + " \"window_seconds\": 120, \"op\": \">\", \"threshold\": 3}");
    String probe = absence("probe", "{\"service\": \"never\"}", 1);
    start(null, true);
    awaitTransition(probe, AlertState.FIRING, 1); // the rules are loaded

    Instant minute = Instant.now().minus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
    for (int i = 0; i < 3; i++) {
      sendAt(minute.plusSeconds(1 + i), minute.plusSeconds(2 + i), "pay", "paid");
    }
    sendAt(minute.plusSeconds(5), minute.plusSeconds(6), "shop", "not watched");
    sendAt(minute.plusSeconds(130), minute.plusSeconds(130), "tick", "closes the minute");
    // Late for the closed minute, within the allowed lateness: the minute fires again with 4.
    sendAt(minute.plusSeconds(30), minute.plusSeconds(131), "pay", "paid late");

    AlertTransition firing = awaitTransition(rule, AlertState.FIRING, 1);
    assertThat(firing.value()).isEqualTo(4);
    assertThat(firing.triggerEventTime()).isEqualTo(minute);
    assertThat(firing.summary()).isEqualTo("pay per 2m: sum of the derived metric 4 over 2m (> 3)");

    Instant later = minute.plus(4, ChronoUnit.MINUTES);
    sendAt(later.plusSeconds(1), later.plusSeconds(2), "pay", "paid");
    sendAt(later.plusSeconds(130), later.plusSeconds(130), "tick", "closes the minute");
    AlertTransition resolved = awaitTransition(rule, AlertState.RESOLVED, 1);
    assertThat(resolved.value()).isEqualTo(1);
    assertThat(seenOf(rule)).hasSize(2);
    assertTopicAndHistoryHoldEveryTransitionOnce();
  }

  private void start(String savepoint) throws Exception {
    start(savepoint, false);
  }

  /** The job; {@code recording}: with the recording rules, minutes to the stack's ClickHouse. */
  private void start(String savepoint, boolean recording) throws Exception {
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 5);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
    if (savepoint != null) {
      conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(1);
    LogPipeline.of(
            RawLogSource.builder(options.kafka())
                .setGroupId("alr-it-job-" + suffix)
                .setProperty("commit.offsets.on.checkpoint", "false")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .build(),
            new PipelineSinks(
                PipelineSinks.refusesNothing(
                    s -> s.addSink(new FailWhenArmed()).name("events").uid("events")),
                PipelineSinks.refusesNothing(
                    s -> s.sinkTo(new DiscardingSink<>()).name("cassandra").uid("cassandra")),
                s -> s.sinkTo(new DiscardingSink<>()).name("parsed").uid("parsed"),
                s -> s.sinkTo(new DiscardingSink<>()).name("dead-letters").uid("dead-letters"),
                PipelineSinks.refusesNothing(
                    s -> s.sinkTo(new DiscardingSink<>()).name("windows").uid("windows"))),
            options)
        .withAlerts(AlertPipeline.production(AlertOptions.from(settings)))
        .withRecording(
            recording
                ? RecordingPipeline.production(
                    AlertOptions.from(settings), options.windows(), options.clickhouse().endpoint())
                : RecordingPipeline.Recorder.none())
        .addTo(env);
    job = env.executeAsync("alerts-it-" + suffix);
  }

  /** A store that fails once on an event whose message holds an armed key. */
  @SuppressWarnings("deprecation")
  static final class FailWhenArmed implements SinkFunction<LogEvent> {
    @Override
    public void invoke(LogEvent event, Context context) {
      for (String key : ARMED) {
        if (event.message().contains(key) && ARMED.remove(key)) {
          throw new IllegalStateException("injected failure on " + event.eventId());
        }
      }
    }
  }

  // ---- rules and events ----

  private String matchCount(String name, String filter, int windowSeconds, String opThreshold)
      throws Exception {
    String[] parts = opThreshold.split(" ");
    return insertRule(
        name,
        "match_count",
        "{\"filter\": "
            + filter
            + ", \"window_seconds\": "
            + windowSeconds
            + ", \"op\": \""
            + parts[0]
            + "\", \"threshold\": "
            + parts[1]
            + "}");
  }

  private String absence(String name, String filter, int windowSeconds) throws Exception {
    return insertRule(
        name, "absence", "{\"filter\": " + filter + ", \"window_seconds\": " + windowSeconds + "}");
  }

  private String insertRule(String name, String kind, String definition) throws Exception {
    String id = UUID.randomUUID().toString();
    sql(
        "INSERT INTO alert_rules (project_id, id, name, kind, definition, severity, labels)"
            + " VALUES ('"
            + project
            + "', '"
            + id
            + "', '"
            + name
            + "', '"
            + kind
            + "', '"
            + definition
            + "', 'critical', '{\"team\": \"pay\"}')");
    return id;
  }

  private void send(String service, String level, String message) throws Exception {
    send(service, level, message, "");
  }

  /** An event with {@code fields} ({@code "duration_ms": 20}) besides the usual ones. */
  private void send(String service, String level, String message, String fields) throws Exception {
    Instant now = Instant.now();
    send(now, now, service, level, message, fields);
  }

  /** An event of {@code time}, received by ingest at {@code received}. */
  private void sendAt(Instant time, Instant received, String service, String message)
      throws Exception {
    send(time, received, service, "info", message, "");
  }

  private void send(
      Instant time, Instant received, String service, String level, String message, String fields)
      throws Exception {
    String json =
        StackClients.eventJson(
            "alr-" + suffix + "-" + ++sent, time, level, service, message, fields);
    producer.send(StackClients.rawRecord(options, project, received, json)).get();
  }

  // ---- what came out ----

  private String alertsTopic() {
    return settings.get(KafkaKeys.ALERTS_TOPIC);
  }

  /** Waits for the rule's version {@code version} to reach {@code state} in the topic. */
  private AlertTransition awaitTransition(String rule, AlertState state, long version)
      throws Exception {
    return await(
        t -> t.ruleId().equals(rule) && t.state() == state && t.ruleVersion() == version,
        "rule " + rule + " v" + version + " " + state);
  }

  private AlertTransition await(Predicate<AlertTransition> wanted, String what) {
    return Poll.until(
        DEADLINE,
        () -> {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            see(AlertTransitionJson.read(r.value()));
          }
          return seen.stream().filter(wanted).findFirst().orElse(null);
        },
        t -> t != null,
        what + " in the topic");
  }

  /** Waits for the rule's {@code n}-th transition in the topic. */
  private AlertTransition awaitSequence(String rule, long n) throws Exception {
    return await(
        t -> t.ruleId().equals(rule) && t.idempotencyKey().endsWith("/" + n),
        "transition " + n + " of rule " + rule);
  }

  /**
   * Keeps a transition of this test's project: the job decides every project's rules in the shared
   * database, earlier tests' ones too.
   */
  private void see(AlertTransition t) {
    if (t.project().equals(project)) {
      seen.add(t);
    }
  }

  private List<AlertTransition> seenOf(String rule) {
    return seen.stream().filter(t -> t.ruleId().equals(rule)).toList();
  }

  /**
   * Every transition read from the topic once, with contiguous sequence numbers per alert, and
   * alert_history holding exactly the same keys once the last checkpoint is committed.
   */
  private void assertTopicAndHistoryHoldEveryTransitionOnce() throws Exception {
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
      see(AlertTransitionJson.read(r.value()));
    }
    List<String> keys = seen.stream().map(AlertTransition::idempotencyKey).toList();
    assertThat(keys).as("transitions in the topic").doesNotHaveDuplicates();
    Map<String, List<Long>> sequences = new HashMap<>();
    for (AlertTransition t : seen) {
      // Numbered per rule: a new-pattern rule's alerts (one fingerprint each) share its count.
      String key = t.idempotencyKey();
      sequences
          .computeIfAbsent(t.project() + "/" + t.ruleId(), k -> new ArrayList<>())
          .add(Long.parseLong(key.substring(key.lastIndexOf('/') + 1)));
    }
    sequences.forEach(
        (alert, numbers) ->
            assertThat(numbers)
                .as("transitions of %s, in order, none missing", alert)
                .isEqualTo(
                    java.util.stream.LongStream.rangeClosed(1, numbers.size()).boxed().toList()));
    Set<String> history =
        Poll.latest(Duration.ofSeconds(30), () -> historyKeys(), h -> h.containsAll(keys));
    assertThat(history)
        .as("alert_history (topic: %s)", seen)
        .containsExactlyInAnyOrderElementsOf(keys);
  }

  private Set<String> historyKeys() throws Exception {
    Set<String> keys = new java.util.HashSet<>();
    try (Connection c = connect();
        PreparedStatement s =
            c.prepareStatement("SELECT idempotency_key FROM alert_history WHERE project_id = ?")) {
      s.setString(1, project);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          keys.add(r.getString(1));
        }
      }
    }
    return keys;
  }

  private static Connection connect() throws Exception {
    return postgres.connect();
  }

  private static void sql(String sql) throws Exception {
    postgres.sql(sql);
  }

  private static long queryLong(String sql) throws Exception {
    return postgres.queryLong(sql);
  }
}
