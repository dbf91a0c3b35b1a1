package io.devlogs.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.KafkaKeys;
import io.devlogs.topics.RawRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The event ids of one project on the parsed topic, as the live tail reads them ({@code
 * read_committed}), from the topic's end when it was opened on: a background consumer counts how
 * often each id arrives.
 */
final class ParsedTopicIds implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String project;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<String, Long> counts = new ConcurrentHashMap<>();
  private final AtomicLong records = new AtomicLong();
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private volatile boolean closing;

  ParsedTopicIds(Settings settings, String project) {
    this.project = project;
    Properties properties = new Properties();
    properties.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.get(KafkaKeys.BOOTSTRAP_SERVERS));
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    String topic = settings.get(KafkaKeys.PARSED_TOPIC);
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // fixes the start now, before any event is posted
    thread.submit(this::consume);
  }

  /** Records of the project read so far, repeats included. */
  long records() {
    return records.get();
  }

  /** How often each id was read. */
  Map<String, Long> counts() {
    return Map.copyOf(counts);
  }

  private void consume() {
    while (!closing) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
        Header header = r.headers().lastHeader(RawRecord.HEADER_PROJECT);
        if (header != null && project.equals(new String(header.value(), StandardCharsets.UTF_8))) {
          counts.merge(idOf(r.value()), 1L, Long::sum);
          records.incrementAndGet();
        }
      }
    }
  }

  private static String idOf(byte[] value) {
    try {
      return JSON.readTree(value).path("id").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    closing = true;
    thread.shutdown();
    thread.awaitTermination(10, TimeUnit.SECONDS);
    consumer.close();
  }
}
