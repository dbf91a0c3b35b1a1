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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * At most {@code slots} store queries of this process at once, at most {@code queue} requests
 * waiting for one; any other request is answered at once with 503 {@code overloaded} and {@code
 * Retry-After}, so a flood gets fast refusals instead of making every request slow. Thread-safe.
 *
 * <p>How long a request waits depends on whether the queue drains (CoDel, as in Facebook's "Fail at
 * Scale"): while it has emptied within the last {@link #CONGESTION_INTERVAL} the load comes in
 * bursts, and a request waits up to {@code timeout} for a slot; once it has stood longer, the
 * service is behind, and a request waits at most {@link #CONGESTED_WAIT} before its refusal. So a
 * crowd's bursts are absorbed while a steady overload is refused in milliseconds.
 */
public final class StoreGate {

  /** Seconds a refused client is asked to wait. */
  static final int RETRY_AFTER_SECONDS = 1;

  /** A queue that has not emptied for this long is standing: the service is behind. */
  static final Duration CONGESTION_INTERVAL = Duration.ofMillis(100);

  /** The longest wait for a slot while the queue stands. */
  static final Duration CONGESTED_WAIT = Duration.ofMillis(5);

  private final Semaphore slots;
  private final int slotCount;
  private final int queue;
  private final Duration timeout;
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicLong lastEmpty;
  private final LongSupplier nanoTime;
  private final Runnable onOverload;

  /**
   * @param onOverload told of every refused request (metrics)
   */
  public StoreGate(int slots, int queue, Duration timeout, Runnable onOverload) {
    this(slots, queue, timeout, onOverload, System::nanoTime);
  }

  /**
   * @param nanoTime the clock that judges whether the queue stands (tests)
   */
  StoreGate(int slots, int queue, Duration timeout, Runnable onOverload, LongSupplier nanoTime) {
    if (slots <= 0 || queue < 0) {
      throw new IllegalArgumentException("slots must be positive and the queue at least 0");
    }
    this.slots = new Semaphore(slots, true);
    this.slotCount = slots;
    this.queue = queue;
    this.timeout = timeout;
    this.onOverload = onOverload;
    this.nanoTime = nanoTime;
    this.lastEmpty = new AtomicLong(nanoTime.getAsLong());
  }

  public StoreGate(int slots, int queue, Duration timeout) {
    this(slots, queue, timeout, () -> {});
  }

  /** A gate that never refuses (tests). */
  public static StoreGate unbounded() {
    return new StoreGate(Integer.MAX_VALUE / 2, 0, Duration.ZERO);
  }

  /** {@code handler} run inside a slot; its wait and run count as the request's store time. */
  public Handler around(Handler handler) {
    return ctx -> {
      long start = System.nanoTime();
      try {
        run(() -> handler.handle(ctx));
      } finally {
        StoreWait.add(ctx, System.nanoTime() - start);
      }
    };
  }

  /** Work on the store. */
  @FunctionalInterface
  interface StoreWork {
    void run() throws Exception;
  }

  /** Runs {@code work} inside a slot, or refuses it. */
  void run(StoreWork work) throws Exception {
    enter();
    try {
      work.run();
    } finally {
      slots.release();
    }
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
    int place = waiting.incrementAndGet();
    if (place > queue) {
      leaveQueue();
      throw overloaded("its queue of " + queue + " is full", QueryKeys.STORE_QUEUE.key());
    }
    if (place == 1) {
      // The queue was empty until now: a request that finds a slot free never touches the clock.
      lastEmpty.set(nanoTime.getAsLong());
    }
    boolean standing = nanoTime.getAsLong() - lastEmpty.get() > CONGESTION_INTERVAL.toNanos();
    Duration wait = standing ? CONGESTED_WAIT : timeout;
    try {
      if (!slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw standing
            ? overloaded(
                "its queue has not emptied for "
                    + CONGESTION_INTERVAL.toMillis()
                    + " ms: the service is behind",
                QueryKeys.MAX_CONCURRENT_STORE_QUERIES.key())
            : overloaded(
                "no slot freed within " + timeout.toMillis() + " ms",
                QueryKeys.STORE_QUEUE_TIMEOUT_MS.key());
      }
    } finally {
      leaveQueue();
    }
  }

  private void leaveQueue() {
    if (waiting.decrementAndGet() == 0) {
      lastEmpty.set(nanoTime.getAsLong());
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
