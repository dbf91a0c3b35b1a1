package io.devlogs.ingest.ops;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id, returned in {@code X-Request-Id} and written to the request log. A
 * client's own {@code X-Request-Id} is kept when it is sane (1-128 characters of letters, digits
 * and {@code . _ : -}); anything else is replaced by a random UUID, so log lines cannot be forged.
 */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";
  static final String ATTRIBUTE = "devlogs.request-id";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private RequestIds() {}

  /** A before-handler: picks the id, stores it on the request and sets the response header. */
  public static void assign(Context ctx) {
    String id = choose(ctx.header(HEADER));
    ctx.attribute(ATTRIBUTE, id);
    ctx.header(HEADER, id);
  }

  /** The request's id, or null before {@link #assign}. */
  public static String of(Context ctx) {
    return ctx.attribute(ATTRIBUTE);
  }

  static String choose(String clientId) {
    if (clientId != null && SANE.matcher(clientId).matches()) {
      return clientId;
    }
    return UUID.randomUUID().toString();
  }
}
