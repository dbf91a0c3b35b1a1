package io.devlogs.ingest.kafka;

import java.util.concurrent.CompletableFuture;

/** Where accepted events go: Kafka in production ({@link KafkaEventSink}), memory in tests. */
public interface EventSink extends AutoCloseable {

  /**
   * Writes every event of the batch. The future completes normally only once every event is durably
   * acknowledged, and exceptionally if any of them failed.
   */
  CompletableFuture<Void> send(EventBatch batch);

  @Override
  default void close() {}
}
