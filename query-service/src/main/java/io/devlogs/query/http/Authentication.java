package io.devlogs.query.http;

import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Objects;

/**
 * Before-handler for the API routes: requires {@code Authorization: Bearer <query key>}, answers
 * 401 for a missing, unknown, revoked or expired key and 403 for a key without the query scope, and
 * otherwise stores the key's project for the controllers. The project of every query comes from
 * here, never from the request.
 */
public final class Authentication implements Handler {
  private static final String ATTRIBUTE = "devlogs.projectKey";

  private final QueryKeys keys;

  public Authentication(QueryKeys keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  @Override
  public void handle(Context ctx) {
    String token =
        KeyAuthenticator.bearerToken(ctx.header("Authorization"))
            .orElseThrow(
                () -> unauthorized(ctx, "missing_key", "send 'Authorization: Bearer <query key>'"));
    ProjectKey key =
        keys.authenticate(token)
            .orElseThrow(
                () -> unauthorized(ctx, "invalid_key", "unknown, revoked or expired API key"));
    if (!key.has(Scope.QUERY)) {
      throw new ApiException(403, "wrong_scope", "this key lacks the 'query' scope");
    }
    ctx.attribute(ATTRIBUTE, key);
  }

  /** The project id of the authenticated key of this request. */
  public static String projectId(Context ctx) {
    ProjectKey key = ctx.attribute(ATTRIBUTE);
    if (key == null) {
      throw new IllegalStateException("route is not behind Authentication");
    }
    return key.projectId();
  }

  private static ApiException unauthorized(Context ctx, String error, String detail) {
    ctx.header("WWW-Authenticate", "Bearer");
    return new ApiException(401, error, detail);
  }
}
