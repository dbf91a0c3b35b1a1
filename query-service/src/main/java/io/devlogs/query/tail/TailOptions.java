package io.devlogs.query.tail;

import io.devlogs.settings.HostPorts;
import io.devlogs.settings.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the live tail, read once at start-up.
 *
 * @param bootstrapServers {@code kafka.bootstrap-servers}
 * @param topic {@code kafka.parsed-topic}: the job's parsed-events topic (default devlogs-parsed)
 * @param queueEvents {@code tail.queue-events}: events queued per socket before it is dropped
 * @param maxSocketsPerProject {@code tail.max-sockets-per-project}
 * @param maxSockets {@code tail.max-sockets}: live tails per query-service process
 * @param kafkaTimeout {@code tail.kafka-timeout-seconds}: how long the feed waits for Kafka before
 *     the waiting tails get {@code backend_unavailable}
 */
public record TailOptions(
    String bootstrapServers,
    String topic,
    int queueEvents,
    int maxSocketsPerProject,
    int maxSockets,
    Duration kafkaTimeout) {

  public TailOptions {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    HostPorts.parse("kafka.bootstrap-servers", bootstrapServers);
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("kafka.parsed-topic must not be empty");
    }
    atLeastOne("tail.queue-events", queueEvents);
    atLeastOne("tail.max-sockets-per-project", maxSocketsPerProject);
    atLeastOne("tail.max-sockets", maxSockets);
    if (kafkaTimeout.isNegative() || kafkaTimeout.isZero()) {
      throw new IllegalArgumentException("tail.kafka-timeout-seconds must be at least 1");
    }
  }

  public static TailOptions from(Settings settings) {
    return new TailOptions(
        settings.get("kafka.bootstrap-servers", "127.0.0.1:19092"),
        settings.get("kafka.parsed-topic", "devlogs-parsed"),
        settings.getInt("tail.queue-events", 1000),
        settings.getInt("tail.max-sockets-per-project", 20),
        settings.getInt("tail.max-sockets", 500),
        Duration.ofSeconds(settings.getInt("tail.kafka-timeout-seconds", 10)));
  }

  private static void atLeastOne(String key, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(key + " must be at least 1, was " + value);
    }
  }
}
