package io.devlogs.query.tail;

import io.devlogs.settings.HostPorts;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.KafkaKeys;
import io.devlogs.settings.keys.QueryKeys;
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
    return new TailOptions(
        settings.get(KafkaKeys.BOOTSTRAP_SERVERS),
        settings.get(KafkaKeys.PARSED_TOPIC),
        TailLimits.from(settings),
        Duration.ofSeconds(settings.get(QueryKeys.TAIL_KAFKA_TIMEOUT_SECONDS)));
  }
}
