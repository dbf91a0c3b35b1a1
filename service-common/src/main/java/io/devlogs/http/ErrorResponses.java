package io.devlogs.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.ExceptionHandler;
import io.javalin.http.HttpResponseException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;

/**
 * How both services answer errors with the one {@link ErrorBody}: Jetty's own answers (malformed
 * HTTP) through {@link JsonErrorHandler}, and every exception a handler throws through {@link
 * #classify} and {@link #send}.
 */
public final class ErrorResponses {

  private ErrorResponses() {}

  /** Makes Jetty answer malformed requests with the JSON error body instead of an HTML page. */
  public static void installJettyHandler(JavalinConfig config) {
    config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
    config.jetty.modifyServletContextHandler(
        context -> context.setErrorHandler(new JsonErrorHandler()));
  }

  /**
   * The answer to an exception: an {@link ApiException} as it is, Javalin's own HTTP errors and a
   * request broken on the wire ({@link BrokenRequests}) as their 4xx, anything else 500 {@code
   * internal_error} (the caller logs it: see {@link #isUnexpected}).
   */
  public static ApiException classify(Exception e) {
    if (e instanceof ApiException api) {
      return api;
    }
    if (e instanceof HttpResponseException http) {
      return new ApiException(
          ErrorCode.forStatus(http.getStatus()),
          http.getMessage(),
          http.getDetails().isEmpty() ? null : http.getDetails());
    }
    return BrokenRequests.of(e)
        .orElseGet(() -> new ApiException(ErrorCode.INTERNAL_ERROR, "unexpected server error"));
  }

  /** Whether {@code e} is a server fault rather than a client's error (log it). */
  public static boolean isUnexpected(Exception e) {
    return classify(e).status() >= 500 && !(e instanceof ApiException);
  }

  /**
   * Answers every exception of the app's handlers with {@link #classify}, logging unexpected ones
   * on {@code log}; {@code observer} sees each answer first (a request log).
   */
  public static void register(Javalin app, Logger log, BiConsumer<Context, ApiException> observer) {
    ExceptionHandler<Exception> handler =
        (e, ctx) -> {
          ApiException error = classify(e);
          if (isUnexpected(e)) {
            log.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
          }
          observer.accept(ctx, error);
          send(ctx, error);
        };
    app.exception(Exception.class, handler);
    // Javalin answers its own HTTP errors (an unknown route...) unless this exact type is mapped.
    app.exception(HttpResponseException.class, handler::handle);
  }

  /** Writes the error's status, headers and body. */
  public static void send(Context ctx, ApiException e) {
    e.headers().forEach(ctx::header);
    ctx.status(e.status()).json(e.body());
  }
}
