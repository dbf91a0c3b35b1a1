package io.devlogs.bench.launch;

import io.devlogs.ops.CommandFailed;
import io.devlogs.ops.Progress;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The clean-up of a benchmark run, as bin/devlogs' {@code trap ... EXIT} was: it runs once, when
 * the run ends, fails or is interrupted (Ctrl-C), after the error is printed. Each step's failure
 * is its own; the others still run.
 */
final class CleanUp {
  private final Deque<Runnable> steps = new ArrayDeque<>();
  private final Thread hook = new Thread(this::runAll, "bench-clean-up");
  private boolean done;

  CleanUp() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Runs after the steps added later. */
  void add(Runnable step) {
    steps.push(step);
  }

  synchronized void runAll() {
    if (done) {
      return;
    }
    done = true;
    while (!steps.isEmpty()) {
      try {
        steps.pop().run();
      } catch (RuntimeException e) {
        System.err.println("devlogs: warning: clean-up: " + e.getMessage());
      }
    }
  }

  /**
   * Runs the body, then the clean-up; an error is printed before the clean-up runs.
   *
   * @return the exit code: 0, or 1 after an error
   */
  static int around(Progress progress, CleanUp cleanUp, Runnable body) {
    int code = 0;
    try {
      body.run();
    } catch (CommandFailed e) {
      progress.out().flush();
      System.err.println("devlogs: error: " + e.getMessage());
      code = 1;
    } finally {
      cleanUp.runAll();
      try {
        Runtime.getRuntime().removeShutdownHook(cleanUp.hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
    }
    return code;
  }
}
