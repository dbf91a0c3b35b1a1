package io.devlogs.ingest.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per request on the logger {@code io.devlogs.ingest.requests}: {@code ts}, {@code
 * request_id}, {@code method}, {@code path}, {@code status}, {@code ms}, {@code project}, {@code
 * events}, {@code bytes}, and for a refused request {@code reason} ({@link RejectionReason}) and
 * {@code error}. Handlers report what they learned through the static setters; absent facts are
 * left out.
 */
public final class RequestLog {

  private static final String EVENTS = "devlogs.events";
  private static final String BYTES = "devlogs.bytes";
  private static final String PROJECT = "devlogs.project";
  private static final String ERROR = "devlogs.error";
  private static final Logger LOG = LoggerFactory.getLogger("io.devlogs.ingest.requests");

  private final ObjectMapper json = new ObjectMapper();
  private final Consumer<String> out;

  /** Writes to the logger {@code io.devlogs.ingest.requests} at INFO. */
  public RequestLog() {
    this(LOG::info);
  }

  /** For tests: writes each line to {@code out}. */
  public RequestLog(Consumer<String> out) {
    this.out = out;
  }

  /** Records the project of the request's key. */
  public static void project(Context ctx, String projectId) {
    ctx.attribute(PROJECT, projectId);
  }

  /** The project of the request's key, or null when it is not known (yet). */
  public static String projectOf(Context ctx) {
    return ctx.attribute(PROJECT);
  }

  /** Records what the request wrote to Kafka. */
  public static void accepted(Context ctx, int events, long bytes) {
    ctx.attribute(EVENTS, events);
    ctx.attribute(BYTES, bytes);
  }

  /** Records the error message the client got. */
  public static void error(Context ctx, String message) {
    ctx.attribute(ERROR, message);
  }

  /** Writes the request's line; a Javalin request logger. */
  public void write(Context ctx, float ms) {
    out.accept(line(ctx, ms));
  }

  private String line(Context ctx, float ms) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("ts", Instant.now().toString());
    fields.put("request_id", RequestIds.of(ctx));
    fields.put("method", ctx.method().name());
    fields.put("path", ctx.path());
    fields.put("status", ctx.statusCode());
    fields.put("ms", Math.round(ms * 10) / 10.0);
    putIfPresent(fields, "project", ctx.attribute(PROJECT));
    putIfPresent(fields, "events", ctx.attribute(EVENTS));
    putIfPresent(fields, "bytes", ctx.attribute(BYTES));
    RejectionReason reason = RejectionReason.ofStatus(ctx.statusCode());
    if (reason != null) {
      fields.put("reason", reason.label());
      putIfPresent(fields, "error", ctx.attribute(ERROR));
    }
    try {
      return json.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("strings and numbers always serialize", e);
    }
  }

  private static void putIfPresent(Map<String, Object> fields, String name, Object value) {
    if (value != null) {
      fields.put(name, value);
    }
  }
}
