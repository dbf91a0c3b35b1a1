package io.devlogs.e2e;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a value satisfies a condition or a deadline passes; no fixed sleeps. */
final class Poll {
  private Poll() {}

  /**
   * Returns the first value of {@code probe} that satisfies {@code done}, or fails with the last
   * value seen when {@code timeout} has passed.
   */
  static <T> T until(Duration timeout, Supplier<T> probe, Predicate<T> done, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = 100;
    T last = null;
    while (System.nanoTime() < deadline) {
      last = probe.get();
      if (done.test(last)) {
        return last;
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      pause = Math.min(1_000, pause * 2);
    }
    throw new AssertionError(
        "Timed out after " + timeout + " waiting for " + what + "; last: " + last);
  }
}
