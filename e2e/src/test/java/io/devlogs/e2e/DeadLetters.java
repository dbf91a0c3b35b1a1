package io.devlogs.e2e;

import io.devlogs.settings.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The committed records of the dead-letter topic written after a starting point. */
final class DeadLetters {
  private static final String HEADER_PROJECT = "devlogs-project";

  private final Properties consumer = new Properties();
  private final String topic;
  private final Map<TopicPartition, Long> start;

  private DeadLetters(Settings settings) {
    consumer.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        settings.get("kafka.bootstrap-servers", "127.0.0.1:19092"));
    consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    topic = settings.get("kafka.dead-letter-topic", "devlogs-dead-letter");
    try (KafkaConsumer<byte[], byte[]> c = open()) {
      List<TopicPartition> partitions =
          c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      start = c.endOffsets(partitions, Duration.ofSeconds(30));
    }
  }

  /** Starts counting at the topic's current end. */
  static DeadLetters fromNow(Settings settings) {
    return new DeadLetters(settings);
  }

  /** Dead letters of {@code project} (header {@code devlogs-project}) since the start. */
  long countOf(String project) {
    long found = 0;
    try (KafkaConsumer<byte[], byte[]> c = open()) {
      c.assign(start.keySet());
      start.forEach(c::seek);
      Map<TopicPartition, Long> end = c.endOffsets(start.keySet(), Duration.ofSeconds(30));
      Instant deadline = Instant.now().plusSeconds(60);
      while (end.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("could not read " + topic + " up to " + end + " within 60 s");
        }
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
          Header header = r.headers().lastHeader(HEADER_PROJECT);
          if (header != null
              && project.equals(new String(header.value(), StandardCharsets.UTF_8))) {
            found++;
          }
        }
      }
    }
    return found;
  }

  private KafkaConsumer<byte[], byte[]> open() {
    return new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
