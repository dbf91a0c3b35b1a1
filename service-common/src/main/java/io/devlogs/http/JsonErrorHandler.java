package io.devlogs.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's error handler with the devlogs {@link ErrorBody} instead of an HTML page. Jetty answers
 * some requests before the application sees them: malformed HTTP (bad request line or headers, bad
 * {@code Content-Length}), a URI over the request-header buffer (414), headers over it (431), a bad
 * transfer coding; and errors raised while the servlet runs that no exception mapper handled.
 * Install it on the {@code Server} and on the servlet context, so every path uses it.
 */
public final class JsonErrorHandler extends ErrorHandler {

  private static final String JSON = "application/json";

  /** Errors answered before a request exists (parse errors of the request line and headers). */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, JSON);
    return ByteBuffer.wrap(body(status, reason));
  }

  /** Errors of a request that reached the server (sendError, uncaught servlet errors). */
  @Override
  protected void generateAcceptableResponse(
      Request baseRequest,
      HttpServletRequest request,
      HttpServletResponse response,
      int code,
      String message)
      throws IOException {
    byte[] body = body(code, message);
    baseRequest.setHandled(true);
    response.setContentType(JSON);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  static byte[] body(int status, String reason) {
    ErrorCode code = ErrorCode.forStatus(status);
    String message =
        reason == null || reason.isBlank()
            ? "HTTP " + status + " " + code.code().replace('_', ' ')
            : reason;
    return ErrorBody.of(code, message).toJson();
  }
}
