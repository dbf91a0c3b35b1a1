package io.devlogs.query.tail;

/** A live tail that cannot be opened now (too many open), with the error code and detail. */
public final class TailRefusedException extends Exception {
  private final String error;

  TailRefusedException(String error, String detail) {
    super(detail);
    this.error = error;
  }

  public String error() {
    return error;
  }

  public String detail() {
    return getMessage();
  }
}
