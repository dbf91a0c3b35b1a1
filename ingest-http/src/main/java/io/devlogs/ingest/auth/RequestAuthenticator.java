package io.devlogs.ingest.auth;

import io.devlogs.http.ApiException;
import io.devlogs.http.KeyCheck;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import io.javalin.http.Context;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the {@code Authorization: Bearer <key>} of a request with the answers of {@link KeyCheck}:
 * 401, 403 naming the scope, 503 when the key store is unreachable.
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
   * @throws ApiException 401, 403 or 503 as described above
   */
  public ProjectKey require(Context ctx, Scope scope) {
    return require(KeyAuthenticator.bearerToken(ctx.header("Authorization")).orElse(null), scope);
  }

  /**
   * The key if it grants this scope.
   *
   * @param token the raw key the request carried, or null if it carried none
   * @throws ApiException 401, 403 or 503 as described above
   */
  public ProjectKey require(String token, Scope scope) {
    try {
      return KeyCheck.require(authenticator::authenticate, token, scope);
    } catch (ApiException e) {
      if (e.status() == 503) {
        LOG.warn("API key store unavailable");
      }
      throw e;
    }
  }
}
