package io.devlogs.ingest.kafka;

import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.IngestKeys;
import io.devlogs.settings.keys.KafkaKeys;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where accepted events go and how long a request waits for them.
 *
 * @param bootstrapServers Kafka brokers ({@code kafka.bootstrap-servers})
 * @param rawTopic the topic of accepted events ({@code kafka.raw-topic})
 * @param sendTimeout the longest a request waits for Kafka's acknowledgement ({@code
 *     ingest.send-timeout-ms}); at least {@value #MIN_SEND_TIMEOUT_MS} ms
 */
public record KafkaSendOptions(String bootstrapServers, String rawTopic, Duration sendTimeout) {

  /** Below this, the producer's own timeouts would fail sends to a healthy broker. */
  static final int MIN_SEND_TIMEOUT_MS = 100;

  /** The registry's defaults: the local stack's Kafka, its raw topic, a 5 s send timeout. */
  public static final KafkaSendOptions DEFAULT = from(Settings.of(Map.of()));

  public KafkaSendOptions {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(rawTopic, "rawTopic");
    Objects.requireNonNull(sendTimeout, "sendTimeout");
    if (sendTimeout.toMillis() < MIN_SEND_TIMEOUT_MS) {
      throw new IllegalArgumentException(
          "the Kafka send timeout must be at least "
              + MIN_SEND_TIMEOUT_MS
              + " ms, was "
              + sendTimeout.toMillis()
              + " ms: raise "
              + IngestKeys.SEND_TIMEOUT_MS.key());
    }
  }

  public static KafkaSendOptions from(Settings settings) {
    return new KafkaSendOptions(
        settings.get(KafkaKeys.BOOTSTRAP_SERVERS),
        settings.get(KafkaKeys.RAW_TOPIC),
        Duration.ofMillis(settings.get(IngestKeys.SEND_TIMEOUT_MS)));
  }

  /** The same brokers and topic with another send timeout. */
  public KafkaSendOptions withSendTimeout(Duration sendTimeout) {
    return new KafkaSendOptions(bootstrapServers, rawTopic, sendTimeout);
  }
}
