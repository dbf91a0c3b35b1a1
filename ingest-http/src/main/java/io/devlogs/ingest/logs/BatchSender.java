package io.devlogs.ingest.logs;

import io.devlogs.http.ApiException;
import io.devlogs.ingest.kafka.EventBatch;
import io.devlogs.ingest.kafka.EventSink;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 4 of a push: writes the batch and waits, at most the send timeout ({@code
 * ingest.send-timeout-ms}), until the sink acknowledged every event. Answers 503 with {@code
 * Retry-After} when Kafka fails, is too slow, or the server is shutting down.
 */
public final class BatchSender {

  private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);

  private final EventSink sink;
  private final Duration sendTimeout;

  public BatchSender(EventSink sink, Duration sendTimeout) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.sendTimeout = Objects.requireNonNull(sendTimeout, "sendTimeout");
  }

  /**
   * Returns once every event is acknowledged.
   *
   * @throws ApiException 503 as described above
   */
  public void send(EventBatch batch) {
    // The deadline starts before send(), since send() may block.
    long deadlineNanos = System.nanoTime() + sendTimeout.toNanos();
    awaitAcknowledgement(sink.send(batch), deadlineNanos);
  }

  private void awaitAcknowledgement(CompletableFuture<Void> acks, long deadlineNanos) {
    try {
      acks.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      LOG.warn("Kafka did not acknowledge the events: {}", e.getCause().toString());
      throw kafkaUnavailable("events not stored (Kafka unavailable), retry later");
    } catch (TimeoutException e) {
      LOG.warn("Kafka did not acknowledge the events within {}", sendTimeout);
      throw kafkaUnavailable("events not stored (Kafka too slow), retry later");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw kafkaUnavailable("server shutting down, retry later");
    }
  }

  private static ApiException kafkaUnavailable(String message) {
    return ApiException.unavailable("kafka", message);
  }
}
