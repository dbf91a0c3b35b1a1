package io.devlogs.ingest;

import java.util.Map;

/**
 * An error answered to the client as {@code {"error": "...", "detail": ...}} with this status and
 * extra response headers.
 */
public final class ApiError extends RuntimeException {

  private final int status;
  private final Object detail;
  private final Map<String, String> headers;

  public ApiError(int status, String error, Object detail, Map<String, String> headers) {
    super(error);
    this.status = status;
    this.detail = detail;
    this.headers = headers;
  }

  public ApiError(int status, String error, Object detail) {
    this(status, error, detail, Map.of());
  }

  public int status() {
    return status;
  }

  public Object detail() {
    return detail;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
