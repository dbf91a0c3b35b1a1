package io.devlogs.query.alerts.notify;

import io.devlogs.alerts.AlertTransition;
import io.devlogs.alerts.AlertTransitionJson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the alert transitions the job commits to the alerts topic ({@code read_committed}, so an
 * aborted transaction's transitions are never notified) in one consumer group shared by every
 * query-service instance, and hands each to the {@link TransitionNotifier}. A record's offset is
 * committed only once every receiver has it delivered or dead-lettered: a crash in between reads it
 * again, and the delivery records (and, for the one delivery under way, the receiver's idempotency
 * key) keep that from becoming a second notification.
 *
 * <p>A transition that cannot be decoded is logged and counted, then skipped (it names no project
 * to show it to). When PostgreSQL fails, the record is read again after a pause: nothing is lost.
 */
public final class AlertNotifier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertNotifier.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(2);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final String groupId;
  private final TransitionNotifier notifier;
  private final NotifierMetrics metrics;
  private final Thread thread;
  private volatile boolean running = true;

  public AlertNotifier(
      NotifyOptions options, TransitionNotifier notifier, NotifierMetrics metrics) {
    this.topic = options.topic();
    this.groupId = options.groupId();
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.consumer = new KafkaConsumer<>(consumerProperties(options));
    this.thread = new Thread(this::run, "alert-notifier");
    this.thread.setDaemon(true);
  }

  /** The consumer's settings; pure. */
  static Properties consumerProperties(NotifyOptions options) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, options.groupId());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // A group's first notifier reads what the job wrote before it started.
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    // Few records per poll, and room for each to be retried to the end before the group gives
    // its partitions to another instance.
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "20");
    props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Integer.toString(30 * 60 * 1000));
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "devlogs-alert-notifier");
    return props;
  }

  /** Starts reading on a thread of its own; returns at once. */
  public AlertNotifier start() {
    consumer.subscribe(List.of(topic));
    thread.start();
    LOG.info("alert notifier reading {} in group {}", topic, groupId);
    return this;
  }

  private void run() {
    try {
      while (running) {
        try {
          ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
          for (TopicPartition partition : records.partitions()) {
            handlePartition(partition, records.records(partition));
          }
        } catch (WakeupException e) {
          if (running) {
            LOG.warn("alert notifier woken up while running; going on");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (RuntimeException e) {
          // Kafka unreachable, a rebalance during a commit: uncommitted records are read again.
          LOG.error("alert notifier failed; going on in {}", PAUSE_AFTER_FAILURE, e);
          Thread.sleep(PAUSE_AFTER_FAILURE.toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      consumer.close();
    }
  }

  private void handlePartition(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> batch)
      throws InterruptedException {
    for (ConsumerRecord<byte[], byte[]> record : batch) {
      if (!running) {
        return;
      }
      try {
        handle(record);
      } catch (RuntimeException e) {
        LOG.warn(
            "notifying {}-{}@{} failed; reading it again in {}",
            partition.topic(),
            partition.partition(),
            record.offset(),
            PAUSE_AFTER_FAILURE,
            e);
        consumer.seek(partition, record.offset());
        Thread.sleep(PAUSE_AFTER_FAILURE.toMillis());
        return;
      }
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
    }
  }

  private void handle(ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
    AlertTransition transition;
    try {
      transition = AlertTransitionJson.read(record.value());
    } catch (IllegalArgumentException e) {
      metrics.read("undecodable");
      LOG.error(
          "skipping undecodable alert transition at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return;
    }
    notifier.notify(transition);
    metrics.read("handled");
  }

  /** Stops after the record under way; its offset is committed only if it was finished. */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
