package io.devlogs.flink.config;

import java.io.Serializable;

/**
 * A Kafka topic the job writes in transactions (exactly once for {@code read_committed} readers).
 *
 * @param bootstrapServers the brokers
 * @param topic the topic
 * @param transactionalIdPrefix prefix of the sink's transactional ids; unique per job on a cluster
 */
public record TransactionalTopic(
    String bootstrapServers, String topic, String transactionalIdPrefix) implements Serializable {}
