package io.devlogs.http;

import java.util.Locale;

/**
 * The error codes of every devlogs HTTP API (ingest and query), each with its one status. The code
 * is the {@code error} field of an {@link ErrorBody}: stable snake_case a client can branch on,
 * while the {@code message} is for people and may change.
 */
public enum ErrorCode {
  /** The request is not valid HTTP (a bad header, a bad Content-Length, broken chunks). */
  MALFORMED_REQUEST(400),
  /** A query parameter is unknown or has a bad value; {@code detail.parameter} names it. */
  INVALID_PARAMETER(400),
  /** A header has a bad value; {@code detail.header} names it. */
  INVALID_HEADER(400),
  /** The body as a whole cannot be read (not JSON, not gzip, no event at all...). */
  INVALID_BODY(400),
  /** Some events of the request are invalid; the valid ones were written. */
  INVALID_EVENTS(400),
  /** No API key was sent. */
  MISSING_KEY(401),
  /** The API key is unknown, revoked or expired (one answer for all three). */
  INVALID_KEY(401),
  /** No valid browser session: none, signed out, expired or idle too long; sign in again. */
  NOT_SIGNED_IN(401),
  /** A sign-in with an unknown email or a wrong password (one answer for both). */
  INVALID_CREDENTIALS(401),
  /** The key is valid but lacks the scope; {@code detail.requiredScope} names it. */
  WRONG_SCOPE(403),
  /** Authenticated, but not allowed (a certificate and a key of different projects). */
  FORBIDDEN(403),
  NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  /** The client sent the request too slowly (headers or body). */
  REQUEST_TIMEOUT(408),
  /** The resource exists already (a project name). */
  CONFLICT(409),
  /**
   * The project holds the most live API keys it may ({@code detail.limit} names the setting, {@code
   * detail.max} its value): revoke one first.
   */
  KEY_LIMIT_REACHED(409),
  /** A body, an event or a request over a size limit; {@code detail} names the limit. */
  TOO_LARGE(413),
  URI_TOO_LONG(414),
  UNSUPPORTED_MEDIA_TYPE(415),
  /** A query over a ClickHouse limit or too many points. */
  QUERY_TOO_LARGE(422),
  UPGRADE_REQUIRED(426),
  /**
   * Over a rate limit; {@code Retry-After} says when to retry and {@code detail.limit} names the
   * limit.
   */
  RATE_LIMITED(429),
  HEADERS_TOO_LARGE(431),
  INTERNAL_ERROR(500),
  NOT_IMPLEMENTED(501),
  /** A store (Kafka, PostgreSQL, ClickHouse, Cassandra) cannot be reached; retry later. */
  BACKEND_UNAVAILABLE(503),
  /**
   * The process runs as many store queries as it may and its queue is full ({@code detail.limit}
   * names the setting); retry after {@code Retry-After}.
   */
  OVERLOADED(503),
  HTTP_VERSION_NOT_SUPPORTED(505);

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  /** The HTTP status this error is answered with. */
  public int status() {
    return status;
  }

  /** The value of the {@code error} field, e.g. {@code invalid_key}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The code of an error Jetty or Javalin answered by status alone (malformed HTTP, an unknown
   * route): the first code with that status, or a 4xx/5xx fallback.
   */
  public static ErrorCode forStatus(int status) {
    for (ErrorCode code : values()) {
      if (code.status == status) {
        return code;
      }
    }
    return status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
  }
}
