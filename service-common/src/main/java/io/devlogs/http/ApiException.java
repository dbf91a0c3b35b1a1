package io.devlogs.http;

import java.util.Locale;
import java.util.Map;

/**
 * A request that cannot be answered as asked: the status of its {@link ErrorCode}, the shared
 * {@link ErrorBody} and extra response headers ({@code Retry-After}, {@code WWW-Authenticate}).
 * Both services map it to the response the same way.
 */
public class ApiException extends RuntimeException {

  /** Seconds a client is asked to wait after a 503. */
  public static final int RETRY_AFTER_SECONDS = 5;

  private final int status;
  private final ErrorBody body;
  private final Map<String, String> headers;

  public ApiException(int status, ErrorBody body, Map<String, String> headers) {
    super(body.message());
    this.status = status;
    this.body = body;
    this.headers = Map.copyOf(headers);
  }

  public ApiException(ErrorCode code, String message, Object detail, Map<String, String> headers) {
    this(code.status(), ErrorBody.of(code, message, detail), headers);
  }

  public ApiException(ErrorCode code, String message, Object detail) {
    this(code, message, detail, Map.of());
  }

  public ApiException(ErrorCode code, String message) {
    this(code, message, null);
  }

  /** 400 naming the bad query parameter ({@code detail.parameter}). */
  public static ApiException badParameter(String parameter, String problem) {
    return new ApiException(
        ErrorCode.INVALID_PARAMETER,
        "parameter '" + parameter + "': " + problem,
        Map.of("parameter", parameter));
  }

  /**
   * 503 with {@code Retry-After}: a store the request needs cannot be reached ({@code
   * detail.backend}: {@code kafka}, {@code postgresql}, {@code clickhouse}, {@code cassandra}).
   */
  public static ApiException unavailable(String backend, String message) {
    return new ApiException(
        ErrorCode.BACKEND_UNAVAILABLE,
        message,
        Map.of("backend", backend.toLowerCase(Locale.ROOT)),
        Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
  }

  public int status() {
    return status;
  }

  public ErrorBody body() {
    return body;
  }

  /** The error code, e.g. {@code invalid_parameter}. */
  public String error() {
    return body.error();
  }

  public Map<String, String> headers() {
    return headers;
  }
}
