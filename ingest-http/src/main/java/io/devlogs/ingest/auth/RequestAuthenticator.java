package io.devlogs.ingest.auth;

import io.devlogs.ingest.ApiError;
import io.devlogs.ingest.Authenticator;
import io.devlogs.ingest.LogsController;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the {@code Authorization: Bearer <key>} of a request: 401 for a missing, unknown, revoked
 * or expired key (one answer for all, so a caller learns nothing about keys it does not hold), 403
 * naming the scope needed for a valid key without it, 503 when the key store is unreachable.
 */
public final class RequestAuthenticator {

  private static final Logger LOG = LoggerFactory.getLogger(RequestAuthenticator.class);

  private final Authenticator authenticator;

  public RequestAuthenticator(Authenticator authenticator) {
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
  }

  /**
   * The key of the request's {@code Authorization: Bearer} header if it grants this scope.
   *
   * @throws ApiError 401, 403 or 503 as described above
   */
  public ProjectKey require(Context ctx, Scope scope) {
    return require(KeyAuthenticator.bearerToken(ctx.header("Authorization")).orElse(null), scope);
  }

  /**
   * The key if it grants this scope.
   *
   * @param token the raw key the request carried, or null if it carried none
   * @throws ApiError 401, 403 or 503 as described above
   */
  public ProjectKey require(String token, Scope scope) {
    if (token == null) {
      throw unauthorized(
          "missing API key: send the header 'Authorization: Bearer <" + scope.dbValue() + " key>'");
    }
    ProjectKey key;
    try {
      key =
          authenticator
              .authenticate(token)
              .orElseThrow(() -> unauthorized("invalid API key: unknown, revoked or expired"));
    } catch (IllegalStateException e) {
      LOG.warn("API key store unavailable: {}", e.getMessage());
      throw new ApiError(
          503,
          "API key store unavailable, retry later",
          null,
          Map.of("Retry-After", LogsController.RETRY_AFTER_SECONDS));
    }
    if (!key.has(scope)) {
      throw new ApiError(
          403,
          "this key lacks the '" + scope.dbValue() + "' scope",
          Map.of("requiredScope", scope.dbValue()));
    }
    return key;
  }

  private static ApiError unauthorized(String message) {
    return new ApiError(401, message, null, Map.of("WWW-Authenticate", "Bearer"));
  }
}
