package io.devlogs.query.tail;

import io.devlogs.query.records.LogEvent;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Kafka consumer of a query-service process: reads every partition of the parsed-events
 * topic from its end, without a consumer group (nothing to commit: a tail starts at "now"). Records
 * are keyed by project id; only those of projects with an open tail are decoded. Runs on its own
 * daemon thread until no tail has been open for {@link #IDLE_STOP}, Kafka fails, or {@link
 * #stop()}.
 *
 * <p>It reads {@code read_uncommitted}: the job writes the topic in one Kafka transaction per
 * checkpoint, and waiting for the commit would make the tail as late as the checkpoint. An event of
 * a transaction the job later aborts (it failed before the checkpoint completed) is therefore shown
 * before it is stored; after recovery the job replays its input from the checkpoint and writes the
 * same event, same id, again, and stores it. That second copy is not shown ({@link
 * RecentEventIds}): each event reaches a tail once, in the order of its partition.
 */
final class KafkaTailFeed implements TailFeed {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaTailFeed.class);
  private static final Duration POLL = Duration.ofMillis(500);

  /** Without tails the consumer would still read every project's events; it stops after this. */
  static final Duration IDLE_STOP = Duration.ofSeconds(60);

  private final TailOptions options;
  private final RecentEventIds shown = new RecentEventIds(RecentEventIds.DEFAULT_CAPACITY);
  private volatile boolean closing;
  private volatile KafkaConsumer<String, byte[]> consumer;

  KafkaTailFeed(TailOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public void start(TailHub hub) {
    Thread thread = new Thread(() -> run(hub), "live-tail-feed");
    thread.setDaemon(true);
    thread.start();
  }

  private void run(TailHub hub) {
    try (KafkaConsumer<String, byte[]> kafka =
        new KafkaConsumer<>(properties(), new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer = kafka;
      List<TopicPartition> partitions = partitions(kafka);
      kafka.assign(partitions);
      kafka.seekToEnd(partitions);
      // Resolve the end offsets now, so every event committed after "ready" is read.
      partitions.forEach(p -> kafka.position(p, options.kafkaTimeout()));
      LOG.info("live tail feed reads {} from its end", partitions);
      hub.feedReady();
      long busyAt = System.nanoTime();
      while (!closing) {
        for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
          deliver(hub, record);
        }
        if (!hub.idle()) {
          busyAt = System.nanoTime();
        } else if (System.nanoTime() - busyAt > IDLE_STOP.toNanos() && hub.stopIfIdle()) {
          LOG.info("live tail feed stops: no tail open for {}", IDLE_STOP);
          return;
        }
      }
    } catch (KafkaException | IllegalStateException e) {
      if (!closing) {
        LOG.warn("live tail feed failed", e);
        hub.feedFailed(
            "Kafka topic '"
                + options.topic()
                + "' cannot be read: live tail is unavailable; retry later");
      }
    } finally {
      consumer = null;
    }
  }

  private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> kafka) {
    List<PartitionInfo> infos = kafka.partitionsFor(options.topic(), options.kafkaTimeout());
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("Kafka topic '" + options.topic() + "' does not exist");
    }
    return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
  }

  private void deliver(TailHub hub, ConsumerRecord<String, byte[]> record) {
    if (record.key() == null || record.value() == null || !hub.wants(record.key())) {
      return;
    }
    try {
      LogEvent event = ParsedEventDecoder.decode(record.value());
      if (shown.firstTime(record.key(), event.id())) {
        hub.publish(record.key(), event);
      }
    } catch (IllegalArgumentException e) {
      LOG.warn(
          "skipping parsed event at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
    }
  }

  private Properties properties() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "devlogs-query-tail-" + UUID.randomUUID());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
    p.put(
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
        Long.toString(options.kafkaTimeout().toMillis()));
    return p;
  }

  @Override
  public void stop() {
    closing = true;
    KafkaConsumer<String, byte[]> current = consumer;
    if (current != null) {
      current.wakeup();
    }
  }
}
