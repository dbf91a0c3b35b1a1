package io.devlogs.ingest.logs;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.javalin.http.Context;
import java.util.Map;

/**
 * What a push says about its events besides the body: the default {@code stream} and {@code
 * service} (query parameters) and the {@code Idempotency-Key} header, each null when absent or
 * blank.
 *
 * @param stream default stream of events that name none
 * @param service default service of events that name none
 * @param idempotencyKey a retry of a request with the same key gets the same event ids downstream,
 *     so the job counts its events once
 */
public record PushAttributes(String stream, String service, String idempotencyKey) {

  static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
  static final int MAX_LENGTH = 256;

  /**
   * The attributes of this request.
   *
   * @throws ApiException 400 naming the parameter or header that is too long
   */
  public static PushAttributes of(Context ctx) {
    return of(
        ctx.queryParam("stream"), ctx.queryParam("service"), ctx.header(IDEMPOTENCY_KEY_HEADER));
  }

  /** The attributes of these raw values (each null when the request has none). */
  static PushAttributes of(String stream, String service, String idempotencyKey) {
    return new PushAttributes(
        parameter("stream", stream), parameter("service", service), idempotencyKey(idempotencyKey));
  }

  private static String parameter(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > MAX_LENGTH) {
      throw ApiException.badParameter(name, "longer than " + MAX_LENGTH + " characters");
    }
    return value;
  }

  private static String idempotencyKey(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    value = value.strip();
    if (value.length() > MAX_LENGTH) {
      throw new ApiException(
          ErrorCode.INVALID_HEADER,
          "header '" + IDEMPOTENCY_KEY_HEADER + "' is longer than " + MAX_LENGTH + " characters",
          Map.of("header", IDEMPOTENCY_KEY_HEADER));
    }
    return value;
  }
}
