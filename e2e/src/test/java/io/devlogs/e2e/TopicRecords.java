package io.devlogs.e2e;

import io.devlogs.deadletters.DeadLetterCause;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.KafkaKeys;
import io.devlogs.topics.DeadLetterRecord;
import io.devlogs.topics.RawRecord;
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

/**
 * The committed records of one of the job's topics (dead letters, parsed events) written after a
 * starting point, counted per project (header {@value RawRecord#HEADER_PROJECT}).
 */
final class TopicRecords {
  private final Properties consumer = new Properties();
  private final String topic;
  private final Map<TopicPartition, Long> start;

  private TopicRecords(Settings settings, String topic) {
    consumer.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.get(KafkaKeys.BOOTSTRAP_SERVERS));
    consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    this.topic = topic;
    try (KafkaConsumer<byte[], byte[]> c = open()) {
      List<TopicPartition> partitions =
          c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      start = c.endOffsets(partitions, Duration.ofSeconds(30));
    }
  }

  /** The dead-letter topic, counted from its current end. */
  static TopicRecords deadLettersFromNow(Settings settings) {
    return new TopicRecords(settings, settings.get(KafkaKeys.DEAD_LETTER_TOPIC));
  }

  /** The parsed-events topic, counted from its current end. */
  static TopicRecords parsedFromNow(Settings settings) {
    return new TopicRecords(settings, settings.get(KafkaKeys.PARSED_TOPIC));
  }

  /** Records of {@code project} since the start. */
  long countOf(String project) {
    return countOf(project, null);
  }

  /**
   * Records of {@code project} since the start, except dead letters whose cause (header {@value
   * DeadLetterRecord#HEADER_CAUSE}) is {@code exceptCause}.
   */
  long countOf(String project, DeadLetterCause exceptCause) {
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
          DeadLetterRecord.Headers headers =
              DeadLetterRecord.readHeaders(
                  name -> {
                    Header header = r.headers().lastHeader(name);
                    return header == null ? null : header.value();
                  });
          if (project.equals(headers.project())
              && (headers.cause() == null
                  || exceptCause == null
                  || !headers.cause().equals(exceptCause.code()))) {
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
