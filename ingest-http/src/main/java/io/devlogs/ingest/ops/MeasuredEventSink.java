package io.devlogs.ingest.ops;

import io.devlogs.ingest.kafka.EventBatch;
import io.devlogs.ingest.kafka.EventSink;
import java.util.concurrent.CompletableFuture;

/**
 * Wraps a sink to time each send and count the events and bytes it acknowledged in {@link
 * IngestMetrics}. Delivery semantics are the wrapped sink's.
 */
public final class MeasuredEventSink implements EventSink {

  private final EventSink sink;
  private final IngestMetrics metrics;

  public MeasuredEventSink(EventSink sink, IngestMetrics metrics) {
    this.sink = sink;
    this.metrics = metrics;
  }

  @Override
  public CompletableFuture<Void> send(EventBatch batch) {
    long start = System.nanoTime();
    CompletableFuture<Void> acks;
    try {
      acks = sink.send(batch);
    } catch (RuntimeException e) {
      metrics.kafkaSend(secondsSince(start), false);
      throw e;
    }
    return acks.whenComplete(
        (ok, failure) -> {
          metrics.kafkaSend(secondsSince(start), failure == null);
          if (failure == null) {
            metrics.accepted(batch.projectId(), batch.events().size(), batch.totalBytes());
          }
        });
  }

  private static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  @Override
  public void close() {
    sink.close();
  }
}
