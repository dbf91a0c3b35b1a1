package io.devlogs.ingest.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.http.ApiException;
import io.devlogs.ingest.kafka.EventBatch;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BatchSenderTest {

  private static final EventBatch BATCH =
      new EventBatch("p_a", 0, null, null, List.of(new byte[] {'{', '}'}));

  @Test
  void returnsOnceTheSinkAcknowledged() {
    List<EventBatch> sent = new CopyOnWriteArrayList<>();
    new BatchSender(
            batch -> {
              sent.add(batch);
              return CompletableFuture.completedFuture(null);
            },
            Duration.ofSeconds(1))
        .send(BATCH);
    assertThat(sent).containsExactly(BATCH);
  }

  @Test
  void aFailedSendIs503ForKafka() {
    BatchSender sender =
        new BatchSender(
            batch -> CompletableFuture.failedFuture(new IllegalStateException("broker down")),
            Duration.ofSeconds(1));
    assertThatThrownBy(() -> sender.send(BATCH))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.headers()).containsEntry("Retry-After", "5");
              assertThat(e.body().detail()).hasToString("{backend=kafka}");
            })
        .hasMessageContaining("Kafka unavailable");
  }

  @Test
  void anAcknowledgementLaterThanTheSendTimeoutIs503() {
    BatchSender sender = new BatchSender(batch -> new CompletableFuture<>(), Duration.ofMillis(50));
    long start = System.nanoTime();
    assertThatThrownBy(() -> sender.send(BATCH))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(503))
        .hasMessageContaining("Kafka too slow");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }
}
