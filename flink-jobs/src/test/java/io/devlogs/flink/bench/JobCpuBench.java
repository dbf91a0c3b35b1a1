package io.devlogs.flink.bench;

import com.sun.management.OperatingSystemMXBean;
import io.devlogs.flink.ClusterConfigFile;
import io.devlogs.flink.LogPipeline;
import io.devlogs.flink.PipelineSinks;
import io.devlogs.flink.TestOptions;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.sources.RawLogSource;
import io.devlogs.settings.keys.KafkaKeys;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The job's CPU per event: runs {@link LogPipeline} with the production sinks in this JVM (a local
 * MiniCluster, RocksDB state as the cluster's {@code flink-conf/config.yaml} has it) over a topic
 * preloaded by {@code io.devlogs.bench.BenchTopicLoader}, and reports the CPU time of this process
 * per event between the checkpoint that covered a quarter of the topic and the one that covered all
 * of it (so JIT warm-up and start-up are left out and checkpoints are included), with the CPU of
 * each thread group (task chains, Kafka and Cassandra client threads; the rest is the JVM's own: GC
 * and JIT). Progress is the consumer group's offsets, which the source commits when a checkpoint
 * completes, that is after every sink took the events before it.
 *
 * <p>CPU time, not wall time, so a machine loaded by other work still gives comparable figures.
 * Each run uses its own consumer group, parsed and dead-letter topics and transactional ids; the
 * preloaded topic can be read again by the next run (before/after a change).
 *
 * <pre>{@code
 * java -cp flink-jobs/target/test-classes:flink-jobs/target/classes:$(cat flink-jobs/target/cp.txt) \
 *   io.devlogs.flink.bench.JobCpuBench --topic=T [--results=FILE] [--label=TEXT]
 * }</pre>
 */
public final class JobCpuBench {

  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration DEADLINE = Duration.ofMinutes(15);
  private static final double WARM_FROM = 0.25;

  private JobCpuBench() {}

  record Sample(long nanos, long cpuNanos, long committed, Map<String, Long> threadCpu) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> arguments = new HashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      arguments.put(a.substring(2, eq), a.substring(eq + 1));
    }
    String topic = arguments.get("topic");
    String label = arguments.getOrDefault("label", "");
    int parallelism = Integer.parseInt(arguments.getOrDefault("parallelism", "2"));
    String id = UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> values = new HashMap<>();
    values.put(KafkaKeys.RAW_TOPIC.key(), topic);
    values.put(KafkaKeys.GROUP_ID.key(), "devlogs-cpu-bench-" + id);
    values.put(KafkaKeys.PARSED_TOPIC.key(), "devlogs-cpu-bench-parsed-" + id);
    values.put(KafkaKeys.DEAD_LETTER_TOPIC.key(), "devlogs-cpu-bench-dlq-" + id);
    values.put(KafkaKeys.PARSED_TRANSACTIONAL_ID_PREFIX.key(), "devlogs-cpu-bench-parsed-" + id);
    values.put(KafkaKeys.DEAD_LETTER_TRANSACTIONAL_ID_PREFIX.key(), "devlogs-cpu-bench-dlq-" + id);
    PipelineOptions options = TestOptions.options(values);

    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka().bootstrapServers());
    try (Admin kafka = Admin.create(admin)) {
      kafka
          .createTopics(
              List.of(
                  new NewTopic(options.kafka().parsed().topic(), 1, (short) 1),
                  new NewTopic(options.kafka().deadLetters().topic(), 1, (short) 1)))
          .all()
          .get();
      try {
        run(kafka, options, topic, parallelism, label, arguments.get("results"));
      } finally {
        kafka
            .deleteTopics(
                List.of(options.kafka().parsed().topic(), options.kafka().deadLetters().topic()))
            .all()
            .get();
        kafka.deleteConsumerGroups(List.of(options.kafka().groupId())).all().get();
      }
    }
    System.exit(0);
  }

  private static void run(
      Admin kafka,
      PipelineOptions options,
      String topic,
      int parallelism,
      String label,
      String results)
      throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (var p :
        kafka.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()) {
      latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
    }
    long target =
        kafka.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();

    Configuration conf = ClusterConfigFile.linesStartingWith("state.backend.");
    conf.setString("execution.checkpointing.incremental", "true");
    Path checkpoints = Files.createTempDirectory("devlogs-cpu-bench");
    conf.setString("execution.checkpointing.dir", checkpoints.toUri().toString());
    conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("512m"));
    conf.set(TaskManagerOptions.NUM_TASK_SLOTS, 4);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    LogPipeline.of(
            RawLogSource.builder(options.kafka()).build(),
            PipelineSinks.production(options),
            options)
        .addTo(env);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long startNanos = System.nanoTime();
    long startCpu = os.getProcessCpuTime();
    JobClient job = env.executeAsync("devlogs-cpu-bench");
    System.out.printf(
        "job %s on %s: %,d records, parallelism %d%n", job.getJobID(), topic, target, parallelism);

    List<Sample> samples = new ArrayList<>();
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    long lastPrint = 0;
    while (true) {
      long committed = committed(kafka, options.kafka().groupId());
      Sample s =
          new Sample(System.nanoTime(), os.getProcessCpuTime(), committed, threadCpu(threads));
      if (samples.isEmpty() || samples.get(samples.size() - 1).committed() != committed) {
        samples.add(s);
      }
      if (s.nanos() - lastPrint > 5_000_000_000L) {
        System.out.printf(
            "%5.1f s: %,d of %,d committed, CPU %.1f s%n",
            (s.nanos() - startNanos) / 1e9, committed, target, (s.cpuNanos() - startCpu) / 1e9);
        lastPrint = s.nanos();
      }
      if (committed >= target) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not done after " + DEADLINE);
      }
      Thread.sleep(POLL.toMillis());
    }
    job.cancel().get();

    Sample end = samples.get(samples.size() - 1);
    Sample from =
        samples.stream().filter(s -> s.committed() >= target * WARM_FROM).findFirst().orElseThrow();
    long events = end.committed() - from.committed();
    double seconds = (end.nanos() - from.nanos()) / 1e9;
    double cpu = (end.cpuNanos() - from.cpuNanos()) / 1e9;
    long commits = samples.stream().filter(s -> s.nanos() > from.nanos()).count();
    double usPerEvent = cpu * 1e6 / events;
    double usWhole = (end.cpuNanos() - startCpu) / 1e3 / end.committed();
    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            "%s%n  warm: %,d events in %.1f s (%d commits): %,.0f events/s, CPU %.1f s = %.1f µs/event"
                + " (%.2f cores)%n  whole run incl. start-up: %.1f µs/event%n  CPU by thread group"
                + " (warm part):%n",
            label.isEmpty() ? "job CPU" : label,
            events,
            seconds,
            commits,
            events / seconds,
            cpu,
            usPerEvent,
            cpu / seconds,
            usWhole));
    Map<String, Long> groups = new TreeMap<>();
    long javaThreads = 0;
    for (var e : end.threadCpu().entrySet()) {
      long delta = e.getValue() - from.threadCpu().getOrDefault(e.getKey(), 0L);
      groups.merge(group(e.getKey()), delta, Long::sum);
      javaThreads += delta;
    }
    groups.put(
        "(JVM: GC, JIT, other native threads)", (end.cpuNanos() - from.cpuNanos()) - javaThreads);
    groups.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .filter(e -> e.getValue() * 1e-3 / events >= 0.5)
        .forEach(
            e ->
                report.append(
                    String.format(
                        "    %6.1f µs/event  %s%n", e.getValue() * 1e-3 / events, e.getKey())));
    System.out.print(report);
    if (results != null) {
      Files.writeString(
          Path.of(results),
          Instant.now() + " " + report,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
  }

  /** Thread name without its subtask and attempt numbers, e.g. {@code Parse log events -> ...}. */
  static String group(String thread) {
    return thread
        .substring(0, thread.lastIndexOf('@'))
        .replaceAll(" \\(\\d+/\\d+\\)(#\\d+)?", "")
        .replaceAll("[-#]?\\d+$", "")
        .replaceAll("-\\d+-", "-N-");
  }

  private static Map<String, Long> threadCpu(ThreadMXBean threads) {
    Map<String, Long> cpu = new HashMap<>();
    for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t != null) {
        long n = threads.getThreadCpuTime(t.getThreadId());
        if (n > 0) {
          cpu.merge(t.getThreadName() + "@" + t.getThreadId(), n, Long::sum);
        }
      }
    }
    return cpu;
  }

  private static long committed(Admin kafka, String group) throws Exception {
    long sum = 0;
    for (OffsetAndMetadata o :
        kafka.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values()) {
      if (o != null) {
        sum += o.offset();
      }
    }
    return sum;
  }
}
