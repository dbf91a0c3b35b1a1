package io.devlogs.ops;

import java.io.PrintStream;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * The launcher's progress lines, as {@code bin/devlogs} prints them: {@code [ 12s] kafka ........
 * ready}. The seconds count from the start of the launcher command ({@code DEVLOGS_STARTED_AT},
 * epoch seconds, exported by bin/devlogs), so a Java command's lines continue the bash ones.
 */
public final class Progress {
  /** The environment variable with the launcher command's start, in epoch seconds. */
  public static final String STARTED_AT = "DEVLOGS_STARTED_AT";

  private static final int NAME_WIDTH = 19;

  private final PrintStream out;
  private final PrintStream err;
  private final long startedAt;
  private final LongSupplier nowSeconds;

  Progress(PrintStream out, PrintStream err, long startedAt, LongSupplier nowSeconds) {
    this.out = out;
    this.err = err;
    this.startedAt = startedAt;
    this.nowSeconds = nowSeconds;
  }

  /** Lines to standard output and warnings to standard error, timed from the launcher's start. */
  public static Progress standard() {
    return to(System.out, System.err);
  }

  /** Lines to these streams, timed from the launcher's start (or this JVM's, if not given). */
  public static Progress to(PrintStream out, PrintStream err) {
    long now = Instant.now().getEpochSecond();
    long startedAt = now;
    String given = System.getenv(STARTED_AT);
    if (given != null && given.matches("[0-9]+")) {
      startedAt = Long.parseLong(given);
    }
    return new Progress(out, err, startedAt, () -> Instant.now().getEpochSecond());
  }

  /** One step line: {@code [ 12s] kafka ........ ready (pid 1234)}. */
  public void step(String name, String message) {
    out.println(line(name, message));
    out.flush();
  }

  /** {@code devlogs: warning: ...} on standard error. */
  public void warn(String message) {
    err.println("devlogs: warning: " + message);
    err.flush();
  }

  /** The step line's text. */
  String line(String name, String message) {
    StringBuilder padded = new StringBuilder(name).append(' ');
    while (padded.length() < NAME_WIDTH) {
      padded.append('.');
    }
    return String.format("[%3ds] %s %s", nowSeconds.getAsLong() - startedAt, padded, message);
  }

  /** The same lines to other streams (a sub-run's output file), with the same clock. */
  public Progress redirected(PrintStream out, PrintStream err) {
    return new Progress(out, err, startedAt, nowSeconds);
  }

  /** The standard output this writes to, for tables that follow the step lines. */
  public PrintStream out() {
    return out;
  }
}
