package io.devlogs.schema;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the topics listed in {@code ddl/kafka/topics.properties} ({@code name=partitions}) that
 * do not exist yet. Existing topics are left as they are.
 */
final class KafkaTopics implements SchemaTarget {
  private final String bootstrapServers;
  private final short replicationFactor;

  KafkaTopics(String bootstrapServers, short replicationFactor) {
    this.bootstrapServers = bootstrapServers;
    this.replicationFactor = replicationFactor;
  }

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public void apply(Path folder) throws Exception {
    List<NewTopic> wanted = readTopics(folder.resolve("topics.properties"), replicationFactor);
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            15_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            20_000);
    try (Admin admin = Admin.create(config)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      }
    }
  }

  static List<NewTopic> readTopics(Path file, short replicationFactor) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    List<NewTopic> topics = new ArrayList<>();
    for (String name : new java.util.TreeSet<>(properties.stringPropertyNames())) {
      String partitions = properties.getProperty(name).strip();
      try {
        topics.add(new NewTopic(name, Integer.parseInt(partitions), replicationFactor));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            file + ": topic " + name + " needs a partition count, got '" + partitions + "'");
      }
    }
    return topics;
  }
}
