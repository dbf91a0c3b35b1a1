package io.devlogs.query.signin;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Before-handler of every state-changing API request from a browser (POST, PUT, PATCH, DELETE
 * without an {@code Authorization} header): the {@code Origin} (else the {@code Referer}'s origin)
 * must be the dashboard's, and a request with a session cookie must carry the session's {@link
 * Csrf} token, except the sign-in and invitation routes that start a session. Refusals are 403
 * {@code forbidden} naming what was missing. Requests with an API key are not cookie-authenticated
 * and pass.
 */
public final class CsrfCheck implements Handler {
  private static final Set<HandlerType> STATE_CHANGING =
      Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

  private final Optional<String> publicOrigin;

  public CsrfCheck(Optional<String> publicOrigin) {
    this.publicOrigin = publicOrigin;
  }

  @Override
  public void handle(Context ctx) {
    if (!STATE_CHANGING.contains(ctx.method()) || ctx.header("Authorization") != null) {
      return;
    }
    String expected = publicOrigin.orElseGet(() -> ownOrigin(ctx));
    String origin = requestOrigin(ctx);
    if (origin == null || !origin.equalsIgnoreCase(expected)) {
      throw refused(
          origin == null
              ? "cross-site request refused: no Origin header"
              : "cross-site request refused: Origin " + origin + " is not " + expected,
          "origin");
    }
    String session = SessionCookie.read(ctx);
    if (session != null
        && !PeopleRoutes.startsSession(ctx.path())
        && !Csrf.valid(session, ctx.header(Csrf.HEADER))) {
      throw refused(
          "missing or wrong " + Csrf.HEADER + " header: read it from GET /v1/auth/session",
          "csrfToken");
    }
  }

  private static ApiException refused(String message, String check) {
    return new ApiException(ErrorCode.FORBIDDEN, message, Map.of("check", check));
  }

  /** The origin of the request as its client addressed it: scheme and Host header. */
  private static String ownOrigin(Context ctx) {
    return ctx.scheme() + "://" + ctx.host();
  }

  private static String requestOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin != null && !origin.isBlank() && !origin.equals("null")) {
      return origin.trim();
    }
    String referer = ctx.header("Referer");
    if (referer == null || referer.isBlank()) {
      return null;
    }
    try {
      URI uri = URI.create(referer.trim());
      return uri.getScheme() == null || uri.getRawAuthority() == null
          ? null
          : uri.getScheme() + "://" + uri.getRawAuthority();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
