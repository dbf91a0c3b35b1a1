package io.devlogs.flink.freshness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.flink.LogPipeline;
import io.devlogs.flink.PipelineSinks;
import io.devlogs.flink.StackClients;
import io.devlogs.flink.TestOptions;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.sinks.clickhouse.ClickHouseHttp;
import io.devlogs.flink.sources.RawLogSource;
import io.devlogs.settings.keys.JobKeys;
import io.devlogs.settings.keys.KafkaKeys;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Freshness of the job at a fixed rate, in a local MiniCluster on the state backend the cluster
 * uses (RocksDB, incremental checkpoints), against the local stack's Kafka and ClickHouse. Not a
 * test: a benchmark that prints figures, run on purpose with its own topics, group and project:
 *
 * <pre>
 * java -cp ... io.devlogs.flink.freshness.FreshnessBench --rate=2000 --seconds=60 --interval=1s
 *     [--unaligned] [--changelog] [--rest-port=25001]
 * </pre>
 *
 * Ten probe events a second are sent among the load; each gets the time it was first returned by
 * ClickHouse ({@code devlogs.events}, polled every {@value #POLL_MS} ms) and first read from the
 * parsed topic by a {@code read_uncommitted} and a {@code read_committed} consumer (what the live
 * tail reads). It prints their percentiles, the checkpoints' durations, and the job's CPU per event
 * (the process's CPU minus this harness's own threads).
 */
public final class FreshnessBench {
  static final long POLL_MS = 50;
  private static final String HARNESS = "fresh-harness";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> args;
  private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private final String project = "p_fresh" + run;
  private final Pattern probeId = Pattern.compile("probe-" + run + "-(\\d+)");
  private final Map<Long, Long> sentAt = new ConcurrentHashMap<>();
  private final Map<Long, Long> searchable = new ConcurrentHashMap<>();
  private final Map<Long, Long> uncommitted = new ConcurrentHashMap<>();
  private final Map<Long, Long> committed = new ConcurrentHashMap<>();
  private volatile boolean stopping;
  private volatile boolean measuring;
  private volatile long eventsMeasured;

  private FreshnessBench(Map<String, String> args) {
    this.args = args;
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (String a : argv) {
      String[] kv = a.replaceFirst("^--", "").split("=", 2);
      args.put(kv[0], kv.length == 2 ? kv[1] : "true");
    }
    try {
      new FreshnessBench(args).run();
      System.exit(0);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1); // the MiniCluster's threads would keep a failed run alive
    }
  }

  private void run() throws Exception {
    int rate = Integer.parseInt(args.getOrDefault("rate", "2000"));
    int seconds = Integer.parseInt(args.getOrDefault("seconds", "60"));
    int warmup = Integer.parseInt(args.getOrDefault("warmup", "20"));
    String interval = args.getOrDefault("interval", "1s");
    int restPort = Integer.parseInt(args.getOrDefault("rest-port", "25001"));
    Map<String, String> values = new HashMap<>();
    values.put(KafkaKeys.RAW_TOPIC.key(), "devlogs-fresh-raw-" + run);
    values.put(KafkaKeys.PARSED_TOPIC.key(), "devlogs-fresh-parsed-" + run);
    values.put(KafkaKeys.DEAD_LETTER_TOPIC.key(), "devlogs-fresh-dlq-" + run);
    values.put(KafkaKeys.GROUP_ID.key(), "devlogs-fresh-" + run);
    values.put(KafkaKeys.DEAD_LETTER_TRANSACTIONAL_ID_PREFIX.key(), "devlogs-fresh-dlq-" + run);
    values.put(KafkaKeys.PARSED_TRANSACTIONAL_ID_PREFIX.key(), "devlogs-fresh-parsed-" + run);
    values.put(JobKeys.CHECKPOINT_INTERVAL.key(), interval);
    PipelineOptions options = TestOptions.options(values);
    StackClients.createJobTopics(options, 2);
    Path dir = Files.createTempDirectory("fresh-bench-" + run);

    Configuration conf = new Configuration();
    conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
    conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.resolve("cp").toUri().toString());
    conf.set(RestOptions.BIND_PORT, Integer.toString(restPort));
    if (args.containsKey("changelog")) {
      conf.set(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG, true);
      conf.setString("state.changelog.storage", "filesystem");
      conf.setString(
          "state.changelog.dstl.dfs.base-path", dir.resolve("changelog").toUri().toString());
    }
    if (args.containsKey("unaligned")) {
      conf.set(CheckpointingOptions.ENABLE_UNALIGNED, true);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
    LogPipeline.of(
            RawLogSource.builder(options.kafka())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .build(),
            PipelineSinks.production(options),
            options)
        .addTo(env);
    JobClient job = env.executeAsync("devlogs-fresh-bench-" + run);

    List<Thread> threads = new ArrayList<>();
    threads.add(thread("load", () -> produce(options, rate)));
    threads.add(thread("clickhouse", () -> pollClickHouse(options)));
    threads.add(thread("uncommitted", () -> tail(options, "read_uncommitted", uncommitted)));
    threads.add(thread("committed", () -> tail(options, "read_committed", committed)));
    threads.forEach(Thread::start);

    TimeUnit.SECONDS.sleep(warmup); // a benchmark's warm-up, not synchronisation
    long cpu0 = processCpuNanos() - harnessCpuNanos();
    long ch0 = serverCpuTicks("clickhouse");
    measuring = true;
    long measureFrom = System.currentTimeMillis();
    TimeUnit.SECONDS.sleep(seconds);
    measuring = false;
    long measureTo = System.currentTimeMillis();
    long cpu1 = processCpuNanos() - harnessCpuNanos();
    long ch1 = serverCpuTicks("clickhouse");
    String checkpoints = checkpointSummary(restPort, job.getJobID().toString());
    TimeUnit.SECONDS.sleep(10); // let the last probes of the window arrive
    stopping = true;

    List<Long> probes =
        sentAt.entrySet().stream()
            .filter(e -> e.getValue() >= measureFrom && e.getValue() < measureTo)
            .map(Map.Entry::getKey)
            .toList();
    System.out.printf(
        Locale.ROOT,
        "%nFRESHNESS run=%s rate=%d/s interval=%s unaligned=%s changelog=%s window=%ds probes=%d%n",
        run,
        rate,
        interval,
        args.containsKey("unaligned"),
        args.containsKey("changelog"),
        seconds,
        probes.size());
    System.out.println("  clickhouse searchable      " + percentiles(probes, searchable));
    System.out.println("  parsed, read_uncommitted   " + percentiles(probes, uncommitted));
    System.out.println("  parsed, read_committed     " + percentiles(probes, committed));
    System.out.println("  checkpoints                " + checkpoints);
    System.out.printf(
        Locale.ROOT,
        "  job CPU                    %.1f us/event (%d events, %.2f cores)%n",
        (cpu1 - cpu0) / 1000.0 / eventsMeasured,
        eventsMeasured,
        (cpu1 - cpu0) / 1e6 / (measureTo - measureFrom));
    System.out.printf(
        Locale.ROOT,
        "  clickhouse-server CPU      %.2f cores (shared server: includes others' load)%n",
        (ch1 - ch0) * 10.0 / (measureTo - measureFrom));
    job.cancel().get(60, TimeUnit.SECONDS);
    StackClients.deleteJobTopics(options);
  }

  private Thread thread(String name, ThrowingRunnable body) {
    Thread t =
        new Thread(
            () -> {
              try {
                body.run();
              } catch (Exception e) {
                if (!stopping) {
                  e.printStackTrace();
                }
              }
            },
            HARNESS + "-" + name);
    t.setDaemon(true);
    return t;
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  private void produce(PipelineOptions options, int rate) throws Exception {
    Properties p = StackClients.kafkaProperties(options);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, HARNESS + "-producer");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      long tickMs = 10;
      double perTick = rate * tickMs / 1000.0;
      double owed = 0;
      long next = System.currentTimeMillis();
      long probe = 0;
      long nextProbe = next;
      while (!stopping) {
        owed += perTick;
        for (; owed >= 1; owed--) {
          producer.send(event(options, "load", UUID.randomUUID().toString()));
          if (measuring) {
            eventsMeasured++;
          }
        }
        long now = System.currentTimeMillis();
        if (now >= nextProbe) {
          sentAt.put(probe, now);
          producer.send(event(options, "probe", "probe-" + run + "-" + probe));
          probe++;
          nextProbe += 100;
        }
        next += tickMs;
        long sleep = next - System.currentTimeMillis();
        if (sleep > 0) {
          Thread.sleep(sleep); // pacing the load generator
        }
      }
    }
  }

  private org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]> event(
      PipelineOptions options, String stream, String id) {
    Instant now = Instant.now();
    String json =
        "{\"id\":\""
            + id
            + "\",\"ts\":\""
            + now
            + "\",\"level\":\"INFO\",\"service\":\"fresh-bench\",\"stream\":\""
            + stream
            + "\",\"msg\":\"GET /api/items/42 200 in 12ms user=u"
            + (now.toEpochMilli() % 97)
            + "\"}";
    return StackClients.rawRecord(options, project, now, json);
  }

  private void pollClickHouse(PipelineOptions options) throws Exception {
    ClickHouseHttp http =
        new ClickHouseHttp(options.clickhouse().endpoint(), Duration.ofSeconds(10));
    String sql =
        "SELECT event_id FROM devlogs.events WHERE project = '"
            + project
            + "' AND stream = 'probe' AND ts >= now() - 600";
    while (!stopping) {
      long before = System.currentTimeMillis();
      try {
        for (String[] row : http.select(sql)) {
          Matcher m = probeId.matcher(row[0]);
          if (m.find()) {
            searchable.putIfAbsent(Long.parseLong(m.group(1)), System.currentTimeMillis());
          }
        }
      } catch (java.io.IOException e) {
        System.err.println("search failed: " + e.getMessage());
      }
      long sleep = POLL_MS - (System.currentTimeMillis() - before);
      if (sleep > 0) {
        Thread.sleep(sleep); // the poll period of a freshness probe
      }
    }
  }

  private void tail(PipelineOptions options, String isolation, Map<Long, Long> seen) {
    Properties p = StackClients.kafkaProperties(options);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, HARNESS + "-" + isolation);
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(options.kafka().parsed().topic()).stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (!stopping) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
          Matcher m = probeId.matcher(new String(r.value(), StandardCharsets.UTF_8));
          if (m.find()) {
            seen.putIfAbsent(Long.parseLong(m.group(1)), System.currentTimeMillis());
          }
        }
      }
    }
  }

  private String percentiles(List<Long> probes, Map<Long, Long> seen) {
    List<Long> latencies = new ArrayList<>();
    int unseen = 0;
    for (long probe : probes) {
      Long at = seen.get(probe);
      if (at == null) {
        unseen++;
      } else {
        latencies.add(at - sentAt.get(probe));
      }
    }
    latencies.sort(Long::compare);
    if (latencies.isEmpty()) {
      return "none seen (" + unseen + " unseen)";
    }
    return String.format(
        Locale.ROOT,
        "p50 %5d  p95 %5d  p99 %5d  max %5d ms  (%d unseen)",
        at(latencies, 0.50),
        at(latencies, 0.95),
        at(latencies, 0.99),
        latencies.get(latencies.size() - 1),
        unseen);
  }

  private static long at(List<Long> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
  }

  private static String checkpointSummary(int port, String jobId) {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + port + "/jobs/" + jobId + "/checkpoints"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      JsonNode root = JSON.readTree(r.body());
      JsonNode e2e = root.path("summary").path("end_to_end_duration");
      return String.format(
          Locale.ROOT,
          "%d completed, %d failed; duration p50 %s  p99 %s  max %s ms; checkpointed size avg %s B",
          root.path("counts").path("completed").asLong(),
          root.path("counts").path("failed").asLong(),
          e2e.path("p50").asText(),
          e2e.path("p99").asText(),
          e2e.path("max").asText(),
          root.path("summary").path("checkpointed_size").path("avg").asText());
    } catch (Exception e) {
      return "unavailable: " + e;
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** CPU of this harness's own threads (load, polls, their Kafka client threads). */
  private static long harnessCpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains(HARNESS)) {
        sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return sum;
  }

  /** utime + stime (clock ticks, 100/s) of the process named {@code name}, or 0. */
  private static long serverCpuTicks(String name) {
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path proc : (Iterable<Path>) procs::iterator) {
        Path comm = proc.resolve("comm");
        if (proc.getFileName().toString().matches("\\d+")
            && Files.exists(comm)
            && Files.readString(comm).strip().startsWith(name)) {
          String[] f = Files.readString(proc.resolve("stat")).split("\\) ", 2)[1].split(" ");
          return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
      }
    } catch (Exception e) {
      return 0;
    }
    return 0;
  }
}
