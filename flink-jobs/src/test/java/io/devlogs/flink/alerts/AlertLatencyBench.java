package io.devlogs.flink.alerts;

import io.devlogs.alerts.AlertState;
import io.devlogs.alerts.AlertTransition;
import io.devlogs.alerts.AlertTransitionJson;
import io.devlogs.flink.LogPipeline;
import io.devlogs.flink.PipelineSinks;
import io.devlogs.flink.StackClients;
import io.devlogs.flink.TestOptions;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.sinks.clickhouse.ClickHouseHttp;
import io.devlogs.flink.sources.RawLogSource;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.JobKeys;
import io.devlogs.settings.keys.KafkaKeys;
import io.devlogs.settings.keys.PostgresKeys;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How soon an alert reaches its receiver when it is decided in the stream, next to deciding it by
 * polling ClickHouse as the peers do. Not a test: a benchmark that prints figures, run on purpose
 * against the local stack's Kafka, ClickHouse and PostgreSQL (rules, receivers and the XA sink's
 * {@code alert_history}; the stack runs it with {@code max_prepared_transactions}):
 *
 * <pre>
 * java -cp ... io.devlogs.flink.alerts.AlertLatencyBench --rounds=100 --warmup=5 --rate=2000 --poll=60s \
 *     --notifier-topic=alr-notify-alerts
 * </pre>
 *
 * With {@code --notifier-topic}, the topic a running query service's notifier reads ({@code
 * kafka.alerts-topic}; the local stack's is {@code devlogs-alerts}), every rule notifies a webhook
 * of this benchmark (a free local port) and a round ends when that webhook receives the firing: the
 * latency is from the send to that arrival, the one users see. Without it, a round ends when the
 * firing is readable in the alerts topic.
 *
 * <p>The job (its own graph on a local MiniCluster, checkpoints every {@code checkpoint.interval},
 * 1 s by default, the production value, in RocksDB to a temporary folder as the cluster keeps them)
 * runs with {@code rounds} rules, each firing on its own word; background events flow at {@code
 * rate} a second. Each round sends one crossing event and waits for its rule's firing transition,
 * read {@code read_committed} from the alerts topic (what the notifier reads), and at the webhook.
 * The peers' latency for the same crossing is the wait for their next evaluation (a poll every
 * {@code poll}, at a random phase, seeded) plus the evaluation query itself, measured here on the
 * stack's ClickHouse ({@code count()} of a project's events with a word over the last 5 minutes),
 * without the time for the event to become searchable (which only adds to theirs).
 */
public final class AlertLatencyBench {

  /** Any free port: the receiver's URL, stored with the rule's receiver, names the one bound. */
  private static final int RECEIVER_PORT = 0;

  private AlertLatencyBench() {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (String a : argv) {
      String[] kv = a.replaceFirst("^--", "").split("=", 2);
      args.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    int rounds = Integer.parseInt(args.getOrDefault("rounds", "40"));
    int rate = Integer.parseInt(args.getOrDefault("rate", "200"));
    int warmup = Integer.parseInt(args.getOrDefault("warmup", "5"));
    Duration poll =
        Duration.parse("PT" + args.getOrDefault("poll", "60s").toUpperCase(Locale.ROOT));
    String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String project = "p_alrbench" + run;

    String notifierTopic = args.get("notifier-topic");
    try (LocalWebhookReceiver webhook =
        notifierTopic == null ? null : new LocalWebhookReceiver(RECEIVER_PORT)) {
      Map<String, String> values = new HashMap<>();
      values.put(KafkaKeys.RAW_TOPIC.key(), "alr-bench-raw-" + run);
      values.put(
          KafkaKeys.ALERTS_TOPIC.key(),
          notifierTopic == null ? "alr-bench-alerts-" + run : notifierTopic);
      values.put(KafkaKeys.ALERTS_TRANSACTIONAL_ID_PREFIX.key(), "alr-bench-" + run);
      values.put(JobKeys.ALERTS_REFRESH.key(), "1s");
      Settings settings = TestOptions.settings(values);
      PipelineOptions options = PipelineOptions.from(settings);
      String alertsTopic = settings.get(KafkaKeys.ALERTS_TOPIC);
      StackClients.createTopics(options, 1, options.kafka().rawTopic());
      if (notifierTopic == null) {
        StackClients.createTopics(options, 1, alertsTopic);
      }

      List<String> rules = new ArrayList<>();
      try (Connection c =
              DriverManager.getConnection(
                  settings.get(PostgresKeys.URL),
                  settings.get(PostgresKeys.USER),
                  settings.get(PostgresKeys.PASSWORD));
          Statement s = c.createStatement()) {
        s.execute("INSERT INTO projects (id, name) VALUES ('" + project + "', '" + project + "')");
        String receiver = UUID.randomUUID().toString();
        if (webhook != null) {
          s.execute(
              "INSERT INTO alert_receivers (project_id, id, name, kind, target, secret) VALUES ('"
                  + project
                  + "', '"
                  + receiver
                  + "', 'bench', 'webhook', '"
                  + webhook.url("/bench")
                  + "', '"
                  + UUID.randomUUID()
                  + "')");
        }
        for (int i = 0; i < warmup + rounds; i++) {
          String id = UUID.randomUUID().toString();
          rules.add(id);
          s.execute(
              "INSERT INTO alert_rules (project_id, id, name, kind, definition, severity) VALUES ('"
                  + project
                  + "', '"
                  + id
                  + "', 'round "
                  + i
                  + "', 'match_count', '{\"filter\":"
                  + " {\"text\": \"cross"
                  + run
                  + "x"
                  + i
                  + "y\"}, \"window_seconds\": 300, \"op\":"
                  + " \">\", \"threshold\": 0}', 'critical')");
          if (webhook != null) {
            s.execute(
                "INSERT INTO alert_rule_receivers (project_id, rule_id, receiver_id) VALUES ('"
                    + project
                    + "', '"
                    + id
                    + "', '"
                    + receiver
                    + "')");
          }
        }
      }

      // State as the cluster keeps it (flink-conf/config.yaml): in memory, checkpoints past the
      // JobManager's 5 MB limit within seconds (de-duplication state) and the job restarts.
      Configuration conf = new Configuration();
      conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
      conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
      conf.set(
          CheckpointingOptions.CHECKPOINTS_DIRECTORY,
          Files.createTempDirectory("alert-bench-" + run).toUri().toString());
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
      LogPipeline.of(
              RawLogSource.builder(options.kafka())
                  .setGroupId("alr-bench-" + run)
                  // The run's own topic: from its start, so a crossing sent before the source
                  // had its partition is not skipped (the first warm-up round was lost so).
                  .setStartingOffsets(OffsetsInitializer.earliest())
                  .build(),
              new PipelineSinks(
                  PipelineSinks.refusesNothing(s -> s.sinkTo(new DiscardingSink<>()).uid("ch")),
                  PipelineSinks.refusesNothing(s -> s.sinkTo(new DiscardingSink<>()).uid("cass")),
                  s -> s.sinkTo(new DiscardingSink<>()).uid("parsed"),
                  s -> s.sinkTo(new DiscardingSink<>()).uid("dlq"),
                  PipelineSinks.refusesNothing(s -> s.sinkTo(new DiscardingSink<>()).uid("win"))),
              options)
          .withAlerts(AlertPipeline.production(AlertOptions.from(settings)))
          .addTo(env);
      JobClient job = env.executeAsync("alert-latency-bench-" + run);

      Properties p = StackClients.kafkaProperties(options);
      p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      // Not the job's group: a member of it here would make the job's offset commits fail.
      p.put(ConsumerConfig.GROUP_ID_CONFIG, "alr-bench-reader-" + run);
      try (KafkaProducer<byte[], byte[]> producer = StackClients.producer(options);
          KafkaConsumer<byte[], byte[]> consumer =
              new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        consumer.subscribe(List.of(alertsTopic));
        Thread load = backgroundLoad(producer, options, project, rate);
        // The first warm-up rounds are not measured: the job starts, loads the rules, reaches the
        // head of the load and warms its code; a slow start on a loaded machine may take minutes.
        List<Long> latencies = new ArrayList<>();
        List<Long> atWebhook = new ArrayList<>();
        for (int i = 0; i < warmup + rounds; i++) {
          boolean measured = i >= warmup;
          long deadline = System.currentTimeMillis() + (measured ? 60_000 : 300_000);
          long sent;
          long read;
          int attempt = 0;
          do {
            // A warm-up crossing is sent again (a new event id) until it fires: events the job
            // matched before it had loaded the rules fire nothing, and the first round waited
            // out its whole deadline so.
            sent = System.currentTimeMillis();
            producer.send(crossing(options, project, run, i, attempt++, sent));
            producer.flush();
            read =
                awaitFiring(
                    consumer,
                    rules.get(i),
                    measured ? deadline : Math.min(deadline, sent + 10_000));
          } while (read < 0 && !measured && System.currentTimeMillis() < deadline);
          if (read < 0) {
            System.out.println("round " + i + ": no firing before its deadline");
            continue;
          }
          if (measured) {
            latencies.add(read - sent);
          }
          if (webhook != null) {
            long arrived = awaitArrival(webhook, rules.get(i), sent + deadline);
            if (arrived < 0) {
              System.out.println("round " + i + ": no webhook within " + deadline / 1000 + " s");
              continue;
            }
            if (measured) {
              atWebhook.add(arrived - sent);
            } else {
              System.out.println("warm-up round " + i + ": " + (arrived - sent) + " ms");
            }
          }
          Thread.sleep(300);
        }
        load.interrupt();
        job.cancel().get();

        List<Long> peers = peerLatencies(options, project, rounds, poll);
        List<Long> ours = webhook != null ? atWebhook : latencies;
        System.out.printf(
            Locale.ROOT,
            "alerts decided in the stream, in the topic (%d rounds, %d events/s besides):"
                + " p50 %d ms, p95 %d ms, p99 %d ms%n",
            latencies.size(),
            rate,
            percentile(latencies, 50),
            percentile(latencies, 95),
            percentile(latencies, 99));
        if (webhook != null) {
          System.out.printf(
              Locale.ROOT,
              "send to the webhook (job, topic, notifier, HTTP), %d rounds: p50 %d ms, p95 %d ms,"
                  + " p99 %d ms%n",
              atWebhook.size(),
              percentile(atWebhook, 50),
              percentile(atWebhook, 95),
              percentile(atWebhook, 99));
        }
        System.out.printf(
            Locale.ROOT,
            "polling ClickHouse every %d s (next poll + the query): p50 %d ms, p95 %d ms,"
                + " p99 %d ms%n",
            poll.toSeconds(),
            percentile(peers, 50),
            percentile(peers, 95),
            percentile(peers, 99));
        System.out.printf(
            Locale.ROOT,
            "ratio polling/stream (%s): p50 %.1fx, p99 %.1fx%n",
            webhook != null ? "at the webhook" : "in the topic",
            (double) percentile(peers, 50) / Math.max(1, percentile(ours, 50)),
            (double) percentile(peers, 99) / Math.max(1, percentile(ours, 99)));
      } finally {
        StackClients.deleteTopics(options, options.kafka().rawTopic());
        if (notifierTopic == null) {
          StackClients.deleteTopics(options, alertsTopic);
        }
      }
    }
  }

  /** When the rule's firing reached the webhook (the notifier delivers after the topic). */
  private static long awaitArrival(LocalWebhookReceiver webhook, String rule, long until)
      throws InterruptedException {
    while (System.currentTimeMillis() < until) {
      for (LocalWebhookReceiver.Arrival a : webhook.arrivals()) {
        if (a.transition().ruleId().equals(rule) && a.transition().state() == AlertState.FIRING) {
          return a.arrivedAtMillis();
        }
      }
      Thread.sleep(5);
    }
    return -1;
  }

  /** The event that crosses round {@code round}'s rule (its word), sent at {@code sent}. */
  private static ProducerRecord<byte[], byte[]> crossing(
      PipelineOptions options, String project, String run, int round, int attempt, long sent) {
    String json =
        "{\"id\":\"cross-"
            + run
            + "-"
            + round
            + "-"
            + attempt
            + "\",\"ts\":\""
            + Instant.ofEpochMilli(sent)
            + "\",\"level\":\"error\",\"service\":\"pay\",\"msg\":\"card cross"
            + run
            + "x"
            + round
            + "y declined\"}";
    return StackClients.rawRecord(options, project, Instant.ofEpochMilli(sent), json);
  }

  private static long awaitFiring(KafkaConsumer<byte[], byte[]> consumer, String rule, long until) {
    while (System.currentTimeMillis() < until) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
        AlertTransition t = AlertTransitionJson.read(r.value());
        if (t.ruleId().equals(rule) && t.state() == AlertState.FIRING) {
          return System.currentTimeMillis();
        }
      }
    }
    return -1;
  }

  private static Thread backgroundLoad(
      KafkaProducer<byte[], byte[]> producer, PipelineOptions options, String project, int rate) {
    Thread t =
        new Thread(
            () -> {
              long n = 0;
              long start = System.nanoTime();
              while (!Thread.currentThread().isInterrupted()) {
                Instant now = Instant.now();
                String json =
                    "{\"ts\":\""
                        + now
                        + "\",\"level\":\"info\",\"service\":\"load\",\"msg\":\"load "
                        + n
                        + "\"}";
                producer.send(StackClients.rawRecord(options, project, now, json));
                n++;
                long due = start + n * 1_000_000_000L / Math.max(1, rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                  try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              }
            },
            "alert-bench-load");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** The peers: a poll every {@code poll} at a random phase, plus the count query's own time. */
  private static List<Long> peerLatencies(
      PipelineOptions options, String project, int rounds, Duration poll) throws Exception {
    ClickHouseHttp http =
        new ClickHouseHttp(options.clickhouse().endpoint(), Duration.ofSeconds(30));
    String sql =
        "SELECT count() FROM devlogs.events WHERE project = '"
            + project
            + "'"
            + " AND received_at >= now() - 300 AND positionCaseInsensitive(message, 'declined') > 0";
    Random phase = new Random(19);
    List<Long> latencies = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      long before = System.nanoTime();
      http.select(sql);
      long query = (System.nanoTime() - before) / 1_000_000;
      latencies.add((long) (phase.nextDouble() * poll.toMillis()) + query);
    }
    return latencies;
  }

  private static long percentile(List<Long> values, int p) {
    if (values.isEmpty()) {
      return -1;
    }
    List<Long> sorted = values.stream().sorted().toList();
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }
}
