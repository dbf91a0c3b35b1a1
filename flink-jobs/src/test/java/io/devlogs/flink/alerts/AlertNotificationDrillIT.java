package io.devlogs.flink.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.alerts.AlertState;
import io.devlogs.alerts.AlertTransition;
import io.devlogs.alerts.AlertTransitionJson;
import io.devlogs.flink.LogPipeline;
import io.devlogs.flink.MiniClusterTier;
import io.devlogs.flink.PipelineSinks;
import io.devlogs.flink.StackClients;
import io.devlogs.flink.TestOptions;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.sources.RawLogSource;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.JobKeys;
import io.devlogs.settings.keys.KafkaKeys;
import io.devlogs.settings.keys.NotifyKeys;
import io.devlogs.settings.keys.PostgresKeys;
import io.devlogs.testing.Poll;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drill of issue 19: the TaskManager is killed while an alert is firing, and the project's
 * webhook receives each notification once: none lost, none repeated. Real parts end to end: the
 * job's graph on a MiniCluster (its only TaskManager terminated, a fresh one started; the job
 * restores from its last checkpoint), rules, receivers and {@code alert_history} in the stack's
 * PostgreSQL (it runs with {@code max_prepared_transactions} for the XA sink), the transitions in
 * Kafka, and the notifier of a running query service. By default that is the local stack's own
 * (what {@code bin/devlogs test} and so CI run): its alerts topic {@code kafka.alerts-topic} and
 * consumer group {@code notify.group-id}, read from the stack's settings like every other endpoint.
 * Another notifier is named with the system properties {@code alerts.drill.topic} and {@code
 * alerts.drill.group}:
 *
 * <pre>
 * java -cp ... io.devlogs.query.QueryServer --query.port=27390 --kafka.alerts-topic=alk-alerts
 *     --notify.group-id=alk-notifier
 * mvn -pl flink-jobs verify -Dit.test=AlertNotificationDrillIT
 *     -Dalerts.drill.topic=alk-alerts -Dalerts.drill.group=alk-notifier
 * </pre>
 *
 * The receiver counts what arrived once the notifier's group has committed the whole topic (it
 * commits only after delivering), so a repeat would already have arrived.
 */
class AlertNotificationDrillIT {
  private static final Duration DEADLINE = Duration.ofSeconds(120);

  /** Any free port: the receiver's URL, stored with its row, names the one bound. */
  private static final int RECEIVER_PORT = 0;

  @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusterTier.withSlots(2);

  @Test
  void aTaskManagerKilledWhileFiringLosesAndRepeatsNoNotification(
      @InjectMiniCluster MiniCluster cluster, @TempDir java.nio.file.Path savepoints)
      throws Exception {
    Settings stack = TestOptions.settings(Map.of());
    String topic = System.getProperty("alerts.drill.topic", stack.get(KafkaKeys.ALERTS_TOPIC));
    String group = System.getProperty("alerts.drill.group", stack.get(NotifyKeys.GROUP_ID));
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String project = "p_alrdrill" + suffix;
    Map<String, String> values = new HashMap<>();
    values.put(KafkaKeys.RAW_TOPIC.key(), "alr-drill-raw-" + suffix);
    values.put(KafkaKeys.ALERTS_TOPIC.key(), topic);
    values.put(KafkaKeys.ALERTS_TRANSACTIONAL_ID_PREFIX.key(), "alr-drill-" + suffix);
    values.put(JobKeys.CHECKPOINT_INTERVAL.key(), "500ms");
    values.put(JobKeys.ALERTS_REFRESH.key(), "200ms");
    Settings settings = TestOptions.settings(values);
    PipelineOptions options = PipelineOptions.from(settings);
    StackClients.createTopics(options, 1, options.kafka().rawTopic());
    createIfAbsent(options, topic);
    awaitNotifier(options, topic, group);

    try (LocalWebhookReceiver receiver = new LocalWebhookReceiver(RECEIVER_PORT);
        Connection db =
            DriverManager.getConnection(
                settings.get(PostgresKeys.URL),
                settings.get(PostgresKeys.USER),
                settings.get(PostgresKeys.PASSWORD));
        KafkaProducer<byte[], byte[]> producer = StackClients.producer(options);
        KafkaConsumer<byte[], byte[]> topicReader = readCommitted(options, topic, suffix)) {
      execute(db, "INSERT INTO projects (id, name) VALUES (?, ?)", project, project);
      // The window outlasts the restart: the replayed events are still inside it.
      String rule =
          insertRule(
              db,
              project,
              "declines",
              "match_count",
              "{\"filter\": {\"service\": \"pay\"}, \"window_seconds\": 20, \"op\": \">\","
                  + " \"threshold\": 2}");
      String receiverId = UUID.randomUUID().toString();
      execute(
          db,
          "INSERT INTO alert_receivers (project_id, id, name, kind, target, secret)"
              + " VALUES (?, CAST(? AS UUID), 'drill', 'webhook', ?, ?)",
          project,
          receiverId,
          receiver.url("/drill"),
          UUID.randomUUID().toString());
      execute(
          db,
          "INSERT INTO alert_rule_receivers (project_id, rule_id, receiver_id)"
              + " VALUES (?, CAST(? AS UUID), CAST(? AS UUID))",
          project,
          rule,
          receiverId);
      String probe =
          insertRule(
              db,
              project,
              "probe",
              "absence",
              "{\"filter\": {\"service\": \"never\"}, \"window_seconds\": 1}");

      JobClient job = start(options, settings, suffix);
      List<AlertTransition> seen = new ArrayList<>();
      awaitInTopic(topicReader, seen, project, probe, AlertState.FIRING); // the rules are loaded

      for (String message : List.of("one", "two", "three")) {
        send(producer, options, project, suffix, message);
      }
      Poll.until(
          DEADLINE,
          () -> statesAt(receiver, rule),
          states -> states.contains(AlertState.FIRING),
          "the firing notification at the receiver");

      // The alert is firing: kill the TaskManager that runs the job; a fresh one takes over.
      cluster.terminateTaskManager(0).get(60, TimeUnit.SECONDS);
      cluster.startTaskManager();
      Poll.until(
          DEADLINE,
          () -> job.getJobStatus().get(),
          status -> status == JobStatus.RUNNING,
          "the job running again on the new TaskManager");

      Poll.until(
          DEADLINE,
          () -> statesAt(receiver, rule),
          states -> states.contains(AlertState.RESOLVED),
          "the resolved notification at the receiver");
      // Drain the job: its last transactions commit, none stays prepared in PostgreSQL.
      job.stopWithSavepoint(true, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
          .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      awaitCommittedToTheEnd(options, topicReader, topic, group);

      List<LocalWebhookReceiver.Arrival> ofRule =
          receiver.arrivals().stream().filter(a -> a.transition().ruleId().equals(rule)).toList();
      assertThat(ofRule)
          .extracting(a -> a.transition().state())
          .as("notifications of the rule, in order")
          .containsExactly(AlertState.FIRING, AlertState.RESOLVED);
      Map<String, Long> perKey =
          ofRule.stream()
              .collect(
                  Collectors.groupingBy(
                      LocalWebhookReceiver.Arrival::idempotencyKey, Collectors.counting()));
      assertThat(perKey).as("each notification once").allSatisfy((k, n) -> assertThat(n).isOne());
      assertThat(receiver.arrivals())
          .as("the probe has no receiver")
          .noneMatch(a -> a.transition().ruleId().equals(probe));
    } finally {
      StackClients.deleteTopics(options, options.kafka().rawTopic());
    }
  }

  private static JobClient start(PipelineOptions options, Settings settings, String suffix)
      throws Exception {
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 20);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(1);
    LogPipeline.of(
            RawLogSource.builder(options.kafka())
                .setGroupId("alr-drill-job-" + suffix)
                .setProperty("commit.offsets.on.checkpoint", "false")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .build(),
            new PipelineSinks(
                PipelineSinks.refusesNothing(
                    s -> s.sinkTo(new DiscardingSink<>()).name("events").uid("events")),
                PipelineSinks.refusesNothing(
                    s -> s.sinkTo(new DiscardingSink<>()).name("cassandra").uid("cassandra")),
                s -> s.sinkTo(new DiscardingSink<>()).name("parsed").uid("parsed"),
                s -> s.sinkTo(new DiscardingSink<>()).name("dead-letters").uid("dead-letters"),
                PipelineSinks.refusesNothing(
                    s -> s.sinkTo(new DiscardingSink<>()).name("windows").uid("windows"))),
            options)
        .withAlerts(AlertPipeline.production(AlertOptions.from(settings)))
        .addTo(env);
    return env.executeAsync("alerts-drill-" + suffix);
  }

  private static List<AlertState> statesAt(LocalWebhookReceiver receiver, String rule) {
    return receiver.arrivals().stream()
        .filter(a -> a.transition().ruleId().equals(rule))
        .map(a -> a.transition().state())
        .toList();
  }

  private static void awaitInTopic(
      KafkaConsumer<byte[], byte[]> reader,
      List<AlertTransition> seen,
      String project,
      String rule,
      AlertState state) {
    Poll.until(
        DEADLINE,
        () -> {
          for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(200))) {
            AlertTransition t = AlertTransitionJson.read(r.value());
            if (t.project().equals(project)) {
              seen.add(t);
            }
          }
          return seen.stream().anyMatch(t -> t.ruleId().equals(rule) && t.state() == state);
        },
        found -> found,
        "rule " + rule + " " + state + " in the topic");
  }

  /**
   * Waits until the notifiers' group has committed every transition of the topic: its offset is
   * past the last record a read_committed reader finds (the notifier commits a record's offset + 1
   * once it is delivered; transaction markers after it are never committed by the group).
   */
  private static void awaitCommittedToTheEnd(
      PipelineOptions options, KafkaConsumer<byte[], byte[]> reader, String topic, String group)
      throws Exception {
    TopicPartition partition = new TopicPartition(topic, 0);
    try (Admin admin = Admin.create(StackClients.kafkaProperties(options))) {
      long end =
          admin
              .listOffsets(
                  Map.of(partition, OffsetSpec.latest()),
                  new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
              .partitionResult(partition)
              .get(30, TimeUnit.SECONDS)
              .offset();
      long[] last = {-1};
      reader.seekToBeginning(List.of(partition));
      Poll.until(
          DEADLINE,
          () -> {
            for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(200))) {
              last[0] = Math.max(last[0], r.offset());
            }
            return reader.position(partition) >= end;
          },
          done -> done,
          "the drill's reader at the end of " + topic);
      Poll.until(
          DEADLINE,
          () -> {
            OffsetAndMetadata committed =
                admin
                    .listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS)
                    .get(partition);
            return committed != null && committed.offset() > last[0];
          },
          done -> done,
          "the notifiers' group " + group + " to commit past offset " + last[0]);
    }
  }

  /** Fails at once, saying what to start, unless a notifier is a member of {@code group}. */
  private static void awaitNotifier(PipelineOptions options, String topic, String group)
      throws Exception {
    try (Admin admin = Admin.create(StackClients.kafkaProperties(options))) {
      Poll.until(
          Duration.ofSeconds(60),
          () ->
              admin
                  .describeConsumerGroups(List.of(group))
                  .describedGroups()
                  .get(group)
                  .get(30, TimeUnit.SECONDS)
                  .members()
                  .size(),
          members -> members > 0,
          "a notifier in consumer group "
              + group
              + " reading "
              + topic
              + " (the stack's query service, or the one -Dalerts.drill.group names)");
    }
  }

  private static KafkaConsumer<byte[], byte[]> readCommitted(
      PipelineOptions options, String topic, String suffix) {
    Properties p = StackClients.kafkaProperties(options);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "alr-drill-" + suffix);
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  private static void createIfAbsent(PipelineOptions options, String topic) throws Exception {
    try (Admin admin = Admin.create(StackClients.kafkaProperties(options))) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  private static String insertRule(
      Connection db, String project, String name, String kind, String definition) throws Exception {
    String id = UUID.randomUUID().toString();
    execute(
        db,
        "INSERT INTO alert_rules (project_id, id, name, kind, definition, severity)"
            + " VALUES (?, CAST(? AS UUID), ?, ?, CAST(? AS JSONB), 'critical')",
        project,
        id,
        name,
        kind,
        definition);
    return id;
  }

  private static void send(
      KafkaProducer<byte[], byte[]> producer,
      PipelineOptions options,
      String project,
      String suffix,
      String message)
      throws Exception {
    String json =
        "{\"id\":\"alr-drill-"
            + suffix
            + "-"
            + message
            + "\",\"ts\":\""
            + Instant.now()
            + "\",\"level\":\"error\",\"service\":\"pay\",\"msg\":\"declined "
            + message
            + "\"}";
    producer.send(StackClients.rawRecord(options, project, Instant.now(), json)).get();
  }

  private static void execute(Connection db, String sql, String... parameters) throws Exception {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setString(i + 1, parameters[i]);
      }
      s.executeUpdate();
    }
  }
}
