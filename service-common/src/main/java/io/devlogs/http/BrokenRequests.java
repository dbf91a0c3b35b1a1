package io.devlogs.http;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.EofException;

/**
 * Turns the failures of reading a request that was broken on the wire into a client error: a body
 * that arrives too slowly (Jetty's idle timeout) is 408; broken chunked encoding, a body shorter
 * than its {@code Content-Length}, or a query string that is not valid percent-encoding are 400.
 * Without this, Javalin would map them to 500.
 */
public final class BrokenRequests {

  private BrokenRequests() {}

  /** The client error behind {@code failure}, if the request itself was broken. */
  public static Optional<ApiException> of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BadMessageException bad && bad.getCode() < 500) {
        return Optional.of(
            new ApiException(ErrorCode.forStatus(bad.getCode()), describe(bad.getReason())));
      }
      if (t instanceof TimeoutException) {
        return Optional.of(
            new ApiException(
                ErrorCode.REQUEST_TIMEOUT,
                "the request body arrived too slowly (idle timeout): send it at once"));
      }
      if (t instanceof EofException) {
        return Optional.of(bodyEnded());
      }
    }
    return failure instanceof IOException ? Optional.of(bodyEnded()) : Optional.empty();
  }

  /** {@link #of} for a failure known to come from reading the body. */
  public static ApiException ofBody(IOException failure) {
    return of(failure).orElseGet(BrokenRequests::bodyEnded);
  }

  private static ApiException bodyEnded() {
    return new ApiException(
        ErrorCode.MALFORMED_REQUEST,
        "the request body ended early or is malformed (Content-Length or chunked encoding)");
  }

  private static String describe(String reason) {
    return "malformed request: " + (reason == null ? "bad HTTP" : reason);
  }
}
