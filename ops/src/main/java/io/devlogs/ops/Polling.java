package io.devlogs.ops;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition by asking it every half second until a deadline: the launcher's poll. */
public final class Polling {
  private static final Duration EVERY = Duration.ofMillis(500);

  private Polling() {}

  /** Whether the condition held before the timeout passed. */
  public static boolean until(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      pause(EVERY);
    }
    return true;
  }

  /** Sleeps, keeping the interrupt for the caller. */
  public static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailed("interrupted", e);
    }
  }
}
