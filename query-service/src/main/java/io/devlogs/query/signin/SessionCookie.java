package io.devlogs.query.signin;

import io.javalin.http.Context;
import java.time.Duration;

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site
 * sub-requests and form posts), Secure when the service runs TLS or its declared public origin is
 * https, Path=/ and a Max-Age of the session's lifetime.
 */
public final class SessionCookie {
  public static final String NAME = "devlogs_session";

  private SessionCookie() {}

  /** The raw session id the request carries, if any. */
  public static String read(Context ctx) {
    String value = ctx.cookie(NAME);
    return value == null || value.isBlank() ? null : value;
  }

  public static void set(Context ctx, String rawId, Duration maxAge, boolean httpsOrigin) {
    ctx.res().addHeader("Set-Cookie", value(rawId, maxAge.toSeconds(), secure(ctx, httpsOrigin)));
  }

  public static void clear(Context ctx, boolean httpsOrigin) {
    ctx.res().addHeader("Set-Cookie", value("", 0, secure(ctx, httpsOrigin)));
  }

  static String value(String rawId, long maxAgeSeconds, boolean secure) {
    return NAME
        + "="
        + rawId
        + "; Path=/; Max-Age="
        + maxAgeSeconds
        + "; HttpOnly; SameSite=Lax"
        + (secure ? "; Secure" : "");
  }

  private static boolean secure(Context ctx, boolean httpsOrigin) {
    return httpsOrigin || "https".equalsIgnoreCase(ctx.scheme());
  }
}
