package io.devlogs.bench.launch;

import io.devlogs.ops.CommandFailed;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.KafkaKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka for the benchmarks: topics and consumer groups through the admin client, and Kafka's own
 * perf tools (from the broker's classpath, which bin/devlogs resolves) as the ceilings.
 */
final class KafkaTools implements AutoCloseable {
  private final String bootstrapServers;
  private final String toolsClasspath;
  private final Path toolsLog4j;
  private final Admin admin;

  KafkaTools(Settings settings, String toolsClasspath, Path toolsLog4j) {
    this.bootstrapServers = settings.get(KafkaKeys.BOOTSTRAP_SERVERS);
    this.toolsClasspath = toolsClasspath;
    this.toolsLog4j = toolsLog4j;
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                60_000));
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  void createTopic(String topic, int partitions, Path log) {
    try {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    } catch (ExecutionException | InterruptedException e) {
      Bench.appendLog(log, "creating topic " + topic + ": " + e);
      throw new CommandFailed("bench: creating topic " + topic + " failed; see " + log);
    }
  }

  /** Deletes what exists of these topics and groups; failures go to the log only. */
  void deleteQuietly(List<String> topics, List<String> groups, Path log) {
    try {
      admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      Bench.appendLog(log, "deleting topics " + topics + ": " + e);
    }
    if (!groups.isEmpty()) {
      try {
        admin.deleteConsumerGroups(groups).all().get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        Bench.appendLog(log, "deleting groups " + groups + ": " + e);
      }
    }
  }

  /** The records of a topic: the sum of its partitions' end offsets. */
  long records(String topic) {
    try {
      TopicDescription description =
          admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      description
          .partitions()
          .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      long sum = 0;
      for (var offset : admin.listOffsets(latest).all().get().values()) {
        sum += offset.offset();
      }
      return sum;
    } catch (ExecutionException | InterruptedException e) {
      throw new CommandFailed("bench: reading the end offsets of " + topic + " failed: " + e, e);
    }
  }

  /** Kafka's consumer perf tool reading the topic once; its last output line. */
  String consumerPerformance(String topic, long records, String group, Path log) {
    return lastLine(
        tool(
            "org.apache.kafka.tools.ConsumerPerformance",
            List.of(
                "--bootstrap-server",
                bootstrapServers,
                "--topic",
                topic,
                "--messages",
                Long.toString(records),
                "--group",
                group,
                "--timeout",
                "60000",
                "--hide-header"),
            log));
  }

  /**
   * Kafka's producer perf tool sending the payload file's records with ingest's producer settings
   * (acks=all, idempotent, lz4, linger 5 ms); its last output line.
   */
  String producerPerformance(String topic, long records, Path payloadFile, Path log) {
    return lastLine(
        tool(
            "org.apache.kafka.tools.ProducerPerformance",
            List.of(
                "--topic",
                topic,
                "--num-records",
                Long.toString(records),
                "--payload-file",
                payloadFile.toString(),
                "--throughput",
                "-1",
                "--producer-props",
                "bootstrap.servers=" + bootstrapServers,
                "acks=all",
                "enable.idempotence=true",
                "compression.type=lz4",
                "linger.ms=5",
                "max.in.flight.requests.per.connection=5"),
            log));
  }

  private JavaMain.Result tool(String mainClass, List<String> args, Path log) {
    if (toolsClasspath.isEmpty()) {
      throw new CommandFailed("bench: no classpath of the Kafka tools (bin/devlogs gives it)");
    }
    List<String> jvm = new ArrayList<>();
    jvm.add("-Dlog4j2.configurationFile=" + toolsLog4j);
    return JavaMain.on(toolsClasspath, jvm, mainClass, args).run(log);
  }

  private static String lastLine(JavaMain.Result result) {
    List<String> lines = result.lines();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  @Override
  public void close() {
    admin.close();
  }
}
