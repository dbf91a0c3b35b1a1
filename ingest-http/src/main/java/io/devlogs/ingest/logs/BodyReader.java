package io.devlogs.ingest.logs;

import io.devlogs.http.ApiException;
import io.devlogs.http.BrokenRequests;
import io.devlogs.http.ErrorCode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a request body of at most {@code maxBodyBytes} ({@code ingest.max-body-bytes}); more is a
 * 413, whether or not {@code Content-Length} said so.
 */
public final class BodyReader {

  private final long maxBodyBytes;

  public BodyReader(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Opens a body's stream; only once the declared length is known to fit. */
  @FunctionalInterface
  interface BodyStream {
    InputStream open() throws IOException;
  }

  /** The body of this request, as sent (still compressed if it is). */
  public byte[] read(Context ctx) {
    return read(ctx.req().getContentLengthLong(), () -> ctx.req().getInputStream());
  }

  /**
   * The body, read from the stream that {@code stream} opens, which this closes.
   *
   * @param declaredLength the {@code Content-Length}, or -1 if none
   * @throws ApiException 413 if the body is larger than the limit, or 400 if the request broke off
   */
  byte[] read(long declaredLength, BodyStream stream) {
    if (declaredLength > maxBodyBytes) {
      throw tooLarge(declaredLength);
    }
    try (InputStream in = stream.open()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
      if (body.length > maxBodyBytes) {
        throw tooLarge(-1);
      }
      return body;
    } catch (IOException e) {
      throw BrokenRequests.ofBody(e);
    }
  }

  private ApiException tooLarge(long size) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("limitBytes", maxBodyBytes);
    if (size >= 0) {
      detail.put("sizeBytes", size);
    }
    return new ApiException(
        ErrorCode.TOO_LARGE,
        "request body is larger than " + maxBodyBytes + " bytes: send fewer events per request",
        detail);
  }
}
