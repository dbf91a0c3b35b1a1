package io.devlogs.query.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.http.ApiException;
import io.devlogs.testing.Poll;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Slots, queue and fast refusals of the store gate, with handlers held on a latch. */
class StoreGateTest {

  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);
  private final Handler held =
      ctx -> {
        if (!release.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("never released");
        }
      };

  @AfterEach
  void stop() {
    release.countDown();
    threads.shutdownNow();
  }

  /**
   * {@code handler} behind the gate, without the HTTP request that {@link StoreGate#around} times.
   */
  private static Handler gated(StoreGate gate, Handler handler) {
    return ctx -> gate.run(() -> handler.handle(ctx));
  }

  private CompletableFuture<Void> runAsync(Handler handler) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            handler.handle(null);
          } catch (Exception e) {
            throw new RuntimeException(e);
          }
        },
        threads);
  }

  @Test
  void beyondTheSlotsAndAFullQueueARequestIsRefusedAtOnceWith503AndRetryAfter() throws Exception {
    StoreGate gate = new StoreGate(2, 1, Duration.ofSeconds(30));
    Handler gated = gated(gate, held);
    CompletableFuture<Void> first = runAsync(gated);
    CompletableFuture<Void> second = runAsync(gated);
    Poll.until(Duration.ofSeconds(10), () -> gate.running() == 2, "two slots taken");
    CompletableFuture<Void> queued = runAsync(gated);
    Poll.until(Duration.ofSeconds(10), () -> gate.waiting() == 1, "one request queued");

    long start = System.nanoTime();
    assertThatThrownBy(() -> gated.handle(null))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.error()).isEqualTo("overloaded");
              assertThat(e.headers()).containsEntry("Retry-After", "1");
              assertThat(e.getMessage()).contains("query.max-concurrent-store-queries");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("refused without waiting for the 30 s queue timeout")
        .isLessThan(Duration.ofSeconds(10));

    release.countDown();
    CompletableFuture.allOf(first, second, queued).get(30, TimeUnit.SECONDS);
    assertThat(gate.running()).isZero();
  }

  @Test
  void aQueuedRequestIsRefusedWhenNoSlotFreesInTime() throws Exception {
    // a clock that stands still: the queue never counts as standing, whatever the test's pace
    StoreGate gate = new StoreGate(1, 5, Duration.ofMillis(50), () -> {}, () -> 0L);
    Handler gated = gated(gate, held);
    runAsync(gated);
    Poll.until(Duration.ofSeconds(10), () -> gate.running() == 1, "the slot taken");
    assertThatThrownBy(() -> gated.handle(null))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(503);
              assertThat(e.getMessage()).contains("no slot freed within 50 ms");
            });
    assertThat(gate.waiting()).isZero();
  }

  @Test
  void aQueueThatHasNotEmptiedForAnIntervalRefusesAtOnceAndOneThatDrainsWaitsPatiently()
      throws Exception {
    AtomicLong now = new AtomicLong();
    StoreGate gate = new StoreGate(1, 5, Duration.ofSeconds(30), () -> {}, now::get);
    Handler gated = gated(gate, held);
    CompletableFuture<Void> holder = runAsync(gated);
    Poll.until(Duration.ofSeconds(10), () -> gate.running() == 1, "the slot taken");
    CompletableFuture<Void> patient = runAsync(gated);
    Poll.until(Duration.ofSeconds(10), () -> gate.waiting() == 1, "a request waits patiently");

    now.addAndGet(StoreGate.CONGESTION_INTERVAL.multipliedBy(2).toNanos());
    long start = System.nanoTime();
    assertThatThrownBy(() -> gated.handle(null))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.getMessage()).contains("has not emptied"));
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("refused without waiting for the 30 s timeout")
        .isLessThan(Duration.ofSeconds(10));
    assertThat(patient).as("the request that came before the queue stood still waits").isNotDone();

    release.countDown();
    CompletableFuture.allOf(holder, patient).get(30, TimeUnit.SECONDS);
    assertThat(gate.waiting()).isZero();
  }

  @Test
  void aFirstRequestToWaitGetsTheWholeTimeoutHoweverLongTheQueueHasBeenEmpty() throws Exception {
    AtomicLong now = new AtomicLong();
    StoreGate gate = new StoreGate(1, 5, Duration.ofMillis(300), () -> {}, now::get);
    Handler gated = gated(gate, held);
    runAsync(gated);
    Poll.until(Duration.ofSeconds(10), () -> gate.running() == 1, "the slot taken");

    // a long store query, and nobody waited meanwhile: the queue is empty, not standing
    now.addAndGet(StoreGate.CONGESTION_INTERVAL.multipliedBy(10).toNanos());
    assertThatThrownBy(() -> gated.handle(null))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.getMessage()).contains("no slot freed within 300 ms"));
  }
}
