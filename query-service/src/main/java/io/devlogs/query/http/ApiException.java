package io.devlogs.query.http;

/**
 * A request that cannot be answered, with the HTTP status and the body {@code {"error": code,
 * "detail": detail}} the client gets.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String error;

  public ApiException(int status, String error, String detail) {
    super(detail);
    this.status = status;
    this.error = error;
  }

  /** 400 naming the bad query parameter. */
  public static ApiException badParameter(String parameter, String problem) {
    return new ApiException(400, "invalid_parameter", "parameter '" + parameter + "': " + problem);
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public String detail() {
    return getMessage();
  }
}
