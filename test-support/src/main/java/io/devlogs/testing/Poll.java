package io.devlogs.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Waiting in tests: probe a condition until it holds or a deadline passes, never a fixed sleep.
 * Probes run at once and then with a pause that grows from 20 ms to 250 ms, so a fast condition
 * returns quickly and a slow one costs the server a few probes a second.
 */
public final class Poll {

  private static final long FIRST_PAUSE_NANOS = Duration.ofMillis(20).toNanos();
  private static final long MAX_PAUSE_NANOS = Duration.ofMillis(250).toNanos();

  private Poll() {}

  /** A probe that may throw (JDBC, HTTP, Kafka calls). */
  @FunctionalInterface
  public interface Probe<T> {
    T get() throws Exception;
  }

  /**
   * The first value of {@code probe} that satisfies {@code done}.
   *
   * @throws AssertionError naming {@code what} and the last value seen once {@code timeout} passed
   */
  public static <T> T until(Duration timeout, Probe<T> probe, Predicate<T> done, String what) {
    return until(timeout, Duration.ofNanos(MAX_PAUSE_NANOS), probe, done, what);
  }

  /**
   * {@link #until(Duration, Probe, Predicate, String)} with pauses of at most {@code maxPause}, for
   * a condition that must be seen soon after it starts to hold.
   */
  public static <T> T until(
      Duration timeout, Duration maxPause, Probe<T> probe, Predicate<T> done, String what) {
    T last = latest(timeout, maxPause, probe, done);
    if (!done.test(last)) {
      throw new AssertionError(
          "Timed out after " + timeout + " waiting for " + what + "; last: " + last);
    }
    return last;
  }

  /**
   * @throws AssertionError naming {@code what} if {@code condition} does not hold within {@code
   *     timeout}
   */
  public static void until(Duration timeout, Probe<Boolean> condition, String what) {
    until(timeout, condition, Boolean::booleanValue, what);
  }

  /**
   * The first value of {@code probe} that satisfies {@code done}, or the last one seen when {@code
   * timeout} has passed: for callers that assert on the value themselves with a richer message.
   */
  public static <T> T latest(Duration timeout, Probe<T> probe, Predicate<T> done) {
    return latest(timeout, Duration.ofNanos(MAX_PAUSE_NANOS), probe, done);
  }

  private static <T> T latest(
      Duration timeout, Duration maxPause, Probe<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long maxPauseNanos = maxPause.toNanos();
    long pause = Math.min(FIRST_PAUSE_NANOS, maxPauseNanos);
    while (true) {
      T value = get(probe);
      if (done.test(value) || System.nanoTime() - deadline >= 0) {
        return value;
      }
      LockSupport.parkNanos(Math.min(pause, Math.max(0, deadline - System.nanoTime())));
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting");
      }
      pause = Math.min(maxPauseNanos, pause * 2);
    }
  }

  private static <T> T get(Probe<T> probe) {
    try {
      return probe.get();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("probe failed: " + e, e);
    }
  }
}
