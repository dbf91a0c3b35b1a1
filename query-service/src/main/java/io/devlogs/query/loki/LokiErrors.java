package io.devlogs.query.loki;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorResponses;
import io.devlogs.query.http.BackendException;
import io.devlogs.query.logql.LogqlSyntaxException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors of the Loki routes in Loki's shape, {@code {"code":400,"status":"error","message":...}}
 * (Grafana's Loki data source shows {@code message}), with the status and headers ({@code
 * Retry-After}, {@code WWW-Authenticate}) devlogs answers on its own routes: 400 for a bad
 * parameter or query, 401/403 for the key, 422 for a query over a ClickHouse limit, 429 and 503 for
 * the crowd protections, 503 when ClickHouse does not answer.
 */
public final class LokiErrors {
  private static final Logger LOG = LoggerFactory.getLogger(LokiErrors.class);

  private LokiErrors() {}

  /** {@code handler} with its exceptions answered in Loki's shape. */
  public static Handler around(Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (Exception e) {
        send(ctx, e);
      }
    };
  }

  /**
   * A before-handler ({@code Authentication}, rate limits) whose refusal is answered in Loki's
   * shape and ends the request.
   */
  public static Handler before(Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (Exception e) {
        send(ctx, e);
        ctx.skipRemainingHandlers();
      }
    };
  }

  static void send(Context ctx, Exception e) {
    int status;
    String message;
    if (e instanceof LogqlSyntaxException syntax) {
      status = 400;
      message = syntax.getMessage();
    } else if (e instanceof BackendException backend) {
      LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
      status = 503;
      message = backend.backend() + " did not answer; retry later";
      ctx.header("Retry-After", Integer.toString(ApiException.RETRY_AFTER_SECONDS));
    } else if (e instanceof IllegalArgumentException invalid) {
      status = 400;
      message = invalid.getMessage();
    } else {
      if (ErrorResponses.isUnexpected(e)) {
        LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
      }
      ApiException api = ErrorResponses.classify(e);
      api.headers().forEach(ctx::header);
      status = api.status();
      message = api.getMessage();
    }
    ctx.status(status).json(body(status, message));
  }

  /** Loki's error body. */
  public static Map<String, Object> body(int status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", status);
    body.put("status", "error");
    body.put("message", message);
    return body;
  }
}
