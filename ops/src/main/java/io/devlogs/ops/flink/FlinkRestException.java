package io.devlogs.ops.flink;

/** The JobManager answered a request with an error status; the message carries its answer. */
public final class FlinkRestException extends RuntimeException {
  private final int status;
  private final String body;

  FlinkRestException(String what, int status, String body) {
    super("Flink REST " + what + " answered " + status + ": " + body);
    this.status = status;
    this.body = body;
  }

  public int status() {
    return status;
  }

  /** The answer as Flink gave it (its {@code errors}). */
  public String body() {
    return body;
  }
}
