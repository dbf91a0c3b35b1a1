package io.devlogs.flink.config;

import static io.devlogs.flink.config.Checks.requireText;

import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.KafkaKeys;
import java.io.Serializable;

/**
 * The job's Kafka: where it reads raw records and where it writes parsed events and dead letters.
 *
 * @param bootstrapServers {@code kafka.bootstrap-servers}
 * @param rawTopic {@code kafka.raw-topic}
 * @param groupId {@code kafka.group-id}: the consumer group of the raw topic; a new group starts at
 *     the earliest offset (a second job on the same topic, such as the benchmark, needs its own)
 * @param deadLetters {@code kafka.dead-letter-topic}, {@code
 *     kafka.dead-letter-transactional-id-prefix}
 * @param parsed {@code kafka.parsed-topic}, {@code kafka.parsed-transactional-id-prefix}: parsed
 *     events for live tail
 */
public record KafkaOptions(
    String bootstrapServers,
    String rawTopic,
    String groupId,
    TransactionalTopic deadLetters,
    TransactionalTopic parsed)
    implements Serializable {

  public KafkaOptions {
    requireText(bootstrapServers, KafkaKeys.BOOTSTRAP_SERVERS, "broker1:9092,broker2:9092");
    requireText(rawTopic, KafkaKeys.RAW_TOPIC, "devlogs-raw");
    requireText(groupId, KafkaKeys.GROUP_ID, "devlogs-log-pipeline");
    requireText(deadLetters.topic(), KafkaKeys.DEAD_LETTER_TOPIC, "devlogs-dead-letter");
    requireText(
        deadLetters.transactionalIdPrefix(),
        KafkaKeys.DEAD_LETTER_TRANSACTIONAL_ID_PREFIX,
        "devlogs-log-pipeline-dead-letters");
    requireText(parsed.topic(), KafkaKeys.PARSED_TOPIC, "devlogs-parsed");
    requireText(
        parsed.transactionalIdPrefix(),
        KafkaKeys.PARSED_TRANSACTIONAL_ID_PREFIX,
        "devlogs-log-pipeline-parsed");
    if (parsed.transactionalIdPrefix().equals(deadLetters.transactionalIdPrefix())) {
      throw new IllegalArgumentException(
          KafkaKeys.PARSED_TRANSACTIONAL_ID_PREFIX.key()
              + " and "
              + KafkaKeys.DEAD_LETTER_TRANSACTIONAL_ID_PREFIX.key()
              + " are both '"
              + parsed.transactionalIdPrefix()
              + "'; the two sinks would fence each other's transactions: give them different"
              + " values");
    }
  }

  /** The Kafka options the settings give. */
  public static KafkaOptions from(Settings settings) {
    String brokers = settings.get(KafkaKeys.BOOTSTRAP_SERVERS);
    return new KafkaOptions(
        brokers,
        settings.get(KafkaKeys.RAW_TOPIC),
        settings.get(KafkaKeys.GROUP_ID),
        new TransactionalTopic(
            brokers,
            settings.get(KafkaKeys.DEAD_LETTER_TOPIC),
            settings.get(KafkaKeys.DEAD_LETTER_TRANSACTIONAL_ID_PREFIX)),
        new TransactionalTopic(
            brokers,
            settings.get(KafkaKeys.PARSED_TOPIC),
            settings.get(KafkaKeys.PARSED_TRANSACTIONAL_ID_PREFIX)));
  }
}
