package io.devlogs.http;

import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The answer of both services to a request's API key: 401 {@code missing_key} or {@code
 * invalid_key} (unknown, revoked and expired keys get the same answer, so a caller learns nothing
 * about keys it does not hold), 403 {@code wrong_scope} naming the scope, 503 {@code
 * backend_unavailable} with {@code Retry-After} when the key store cannot be reached.
 */
public final class KeyCheck {

  private KeyCheck() {}

  /**
   * The key if it grants {@code scope}.
   *
   * @param keys resolves a raw key; throws {@link IllegalStateException} when the store is down
   * @param token the raw key the request carried, or null if none
   * @throws ApiException 401, 403 or 503 as described above
   */
  public static ProjectKey require(
      Function<String, Optional<ProjectKey>> keys, String token, Scope scope) {
    if (token == null) {
      throw unauthorized(
          ErrorCode.MISSING_KEY,
          "missing API key: send the header 'Authorization: Bearer <" + scope.dbValue() + " key>'");
    }
    ProjectKey key;
    try {
      key =
          keys.apply(token)
              .orElseThrow(
                  () ->
                      unauthorized(
                          ErrorCode.INVALID_KEY, "invalid API key: unknown, revoked or expired"));
    } catch (IllegalStateException e) {
      throw ApiException.unavailable(
          "postgresql", "the API key store (PostgreSQL) cannot be reached, retry later");
    }
    if (!key.has(scope)) {
      throw new ApiException(
          ErrorCode.WRONG_SCOPE,
          "this key lacks the '" + scope.dbValue() + "' scope",
          Map.of("requiredScope", scope.dbValue()));
    }
    return key;
  }

  private static ApiException unauthorized(ErrorCode code, String message) {
    return new ApiException(code, message, null, Map.of("WWW-Authenticate", "Bearer"));
  }
}
