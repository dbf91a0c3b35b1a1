package io.devlogs.ops.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A consumer group's lag on a topic: the log end offsets minus the offsets the group committed. The
 * job's Kafka source commits on each completed checkpoint, so the lag saw-tooths between
 * checkpoints; a partition without a committed offset counts from 0. The topic's log end includes
 * transaction markers (ingest writes idempotently, not transactionally, so few).
 *
 * <p>{@link #measure()} also reads the timestamp of the first record past each partition's
 * committed offset, without joining the group: the age of the oldest of them is how long an event
 * has waited for the group, in time rather than in records.
 */
public final class ConsumerLag implements AutoCloseable {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final Admin admin;
  private final KafkaConsumer<byte[], byte[]> reader;
  private final String topic;
  private final String group;
  private final Duration timeout;

  public ConsumerLag(String bootstrapServers, String topic, String group) {
    this(bootstrapServers, topic, group, DEFAULT_TIMEOUT);
  }

  /**
   * @param timeout how long each call to Kafka may take
   */
  public ConsumerLag(String bootstrapServers, String topic, String group, Duration timeout) {
    int millis = (int) timeout.toMillis();
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis));
    this.reader =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                1,
                // One record's timestamp is all it reads: fetch little.
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                64 * 1024,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                millis,
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                millis),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    this.topic = topic;
    this.group = group;
    this.timeout = timeout;
  }

  /** The lag in records. */
  public long lag() throws InterruptedException, ExecutionException, TimeoutException {
    long lag = 0;
    for (long behind : behindPerPartition().values()) {
      lag += behind;
    }
    return lag;
  }

  /** The lag in records and the time of the oldest record the group has not committed yet. */
  public synchronized Lag measure()
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, Long> committed = new HashMap<>();
    Map<TopicPartition, Long> behind = behindPerPartition(committed);
    long events = behind.values().stream().mapToLong(Long::longValue).sum();
    Optional<Instant> oldest = Optional.empty();
    for (Map.Entry<TopicPartition, Long> partition : behind.entrySet()) {
      if (partition.getValue() > 0) {
        Optional<Instant> first =
            firstRecordTime(partition.getKey(), committed.get(partition.getKey()));
        if (first.isPresent() && (oldest.isEmpty() || first.get().isBefore(oldest.get()))) {
          oldest = first;
        }
      }
    }
    return new Lag(events, oldest);
  }

  private Map<TopicPartition, Long> behindPerPartition()
      throws InterruptedException, ExecutionException, TimeoutException {
    return behindPerPartition(new HashMap<>());
  }

  /** Records behind per partition; fills {@code committedOut} with the offsets counted from. */
  private Map<TopicPartition, Long> behindPerPartition(Map<TopicPartition, Long> committedOut)
      throws InterruptedException, ExecutionException, TimeoutException {
    long seconds = Math.max(1, timeout.toSeconds());
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(seconds, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> partitions =
        admin
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(seconds, TimeUnit.SECONDS)
            .get(topic)
            .partitions()
            .stream()
            .collect(
                Collectors.toMap(
                    p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResultInfo> ends =
        admin.listOffsets(partitions).all().get(seconds, TimeUnit.SECONDS);
    Map<TopicPartition, Long> behind = new HashMap<>();
    for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : ends.entrySet()) {
      OffsetAndMetadata done = committed.get(end.getKey());
      long from = done == null ? 0 : done.offset();
      committedOut.put(end.getKey(), from);
      behind.put(end.getKey(), Math.max(0, end.getValue().offset() - from));
    }
    return behind;
  }

  /**
   * The timestamp of the first record at or after {@code offset} (the earliest one kept, when
   * retention removed it), or empty when none arrives within the timeout.
   */
  private Optional<Instant> firstRecordTime(TopicPartition partition, long offset) {
    reader.assign(List.of(partition));
    reader.seek(partition, offset);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
        return Optional.of(Instant.ofEpochMilli(record.timestamp()));
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    admin.close();
    reader.close();
  }

  /**
   * @param events records between the group's committed offsets and the log end
   * @param oldestUnconsumed when the oldest of those records was written (empty without lag)
   */
  public record Lag(long events, Optional<Instant> oldestUnconsumed) {
    /** How long the oldest waiting record has waited at {@code now}; zero without lag. */
    public Duration age(Instant now) {
      return oldestUnconsumed
          .map(oldest -> Duration.between(oldest, now))
          .filter(age -> !age.isNegative())
          .orElse(Duration.ZERO);
    }
  }
}
