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
 * @param limits queue bounds and socket limits ({@code tail.*}, see {@link TailLimits})
 * @param kafkaTimeout {@code tail.kafka-timeout-seconds}: how long the feed waits for Kafka before
 *     the waiting tails get {@code backend_unavailable}
 */
public record TailOptions(
    String bootstrapServers, String topic, TailLimits limits, Duration kafkaTimeout) {

  public TailOptions {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    HostPorts.parse("kafka.bootstrap-servers", bootstrapServers);
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("kafka.parsed-topic must not be empty");
    }
    Objects.requireNonNull(limits, "limits");
    if (kafkaTimeout.isNegative() || kafkaTimeout.isZero()) {
      throw new IllegalArgumentException("tail.kafka-timeout-seconds must be at least 1");
    }
  }

  public static TailOptions from(Settings settings) {
    TailLimits defaults = TailLimits.DEFAULT;
    return new TailOptions(
        settings.get("kafka.bootstrap-servers", "127.0.0.1:19092"),
        settings.get("kafka.parsed-topic", "devlogs-parsed"),
        new TailLimits(
            settings.getInt("tail.queue-events", defaults.queueEvents()),
            settings.getInt("tail.queue-chars", defaults.queueChars()),
            settings.getInt("tail.max-sockets-per-project", defaults.maxSocketsPerProject()),
            settings.getInt("tail.max-sockets", defaults.maxSockets())),
        Duration.ofSeconds(settings.getInt("tail.kafka-timeout-seconds", 10)));
  }
}
