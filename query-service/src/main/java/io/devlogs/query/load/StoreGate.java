package io.devlogs.query.load;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.devlogs.settings.keys.QueryKeys;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code slots} store queries of this process at once, at most {@code queue} requests
 * waiting for one, each at most {@code timeout}; any other request is answered at once with 503
 * {@code overloaded} and {@code Retry-After}, so a flood gets fast refusals instead of making every
 * request slow. Thread-safe.
 */
public final class StoreGate {

  /** Seconds a refused client is asked to wait. */
  static final int RETRY_AFTER_SECONDS = 1;

  private final Semaphore slots;
  private final int slotCount;
  private final int queue;
  private final Duration timeout;
  private final AtomicInteger waiting = new AtomicInteger();
  private final Runnable onOverload;

  /**
   * @param onOverload told of every refused request (metrics)
   */
  public StoreGate(int slots, int queue, Duration timeout, Runnable onOverload) {
    if (slots <= 0 || queue < 0) {
      throw new IllegalArgumentException("slots must be positive and the queue at least 0");
    }
    this.slots = new Semaphore(slots, true);
    this.slotCount = slots;
    this.queue = queue;
    this.timeout = timeout;
    this.onOverload = onOverload;
  }

  public StoreGate(int slots, int queue, Duration timeout) {
    this(slots, queue, timeout, () -> {});
  }

  /** A gate that never refuses (tests). */
  public static StoreGate unbounded() {
    return new StoreGate(Integer.MAX_VALUE / 2, 0, Duration.ZERO);
  }

  /** {@code handler} run inside a slot. */
  public Handler around(Handler handler) {
    return ctx -> {
      enter();
      try {
        handler.handle(ctx);
      } finally {
        slots.release();
      }
    };
  }

  /** Store queries running now. */
  public int running() {
    return slotCount - slots.availablePermits();
  }

  /** Requests waiting for a slot now. */
  public int waiting() {
    return waiting.get();
  }

  private void enter() throws InterruptedException {
    if (slots.tryAcquire()) {
      return;
    }
    if (waiting.incrementAndGet() > queue) {
      waiting.decrementAndGet();
      throw overloaded("its queue of " + queue + " is full", QueryKeys.STORE_QUEUE.key());
    }
    try {
      if (!slots.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw overloaded(
            "no slot freed within " + timeout.toMillis() + " ms",
            QueryKeys.STORE_QUEUE_TIMEOUT_MS.key());
      }
    } finally {
      waiting.decrementAndGet();
    }
  }

  private ApiException overloaded(String why, String setting) {
    onOverload.run();
    return new ApiException(
        ErrorCode.OVERLOADED,
        "the query service runs its most store queries at once ("
            + slotCount
            + ", "
            + QueryKeys.MAX_CONCURRENT_STORE_QUERIES.key()
            + ") and "
            + why
            + ": retry after "
            + RETRY_AFTER_SECONDS
            + " s",
        Map.of("limit", setting, "maxConcurrent", slotCount, "queue", queue),
        Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
  }
}
