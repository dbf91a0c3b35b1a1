package io.devlogs.ingest.logs;

import io.devlogs.http.ApiException;
import io.devlogs.http.BasicCredentials;
import io.devlogs.http.ErrorCode;
import io.devlogs.ingest.auth.Authenticator;
import io.devlogs.ingest.auth.RequestAuthenticator;
import io.devlogs.ingest.tls.ClientCertificateIdentity;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Step 1 of a push: who is calling. A bearer key (or, for Loki clients, a key sent as the Basic
 * password) with the ingest scope, or a verified mutual-TLS client certificate; with both, they
 * must name the same project. Answers 401, 403 or 503 (key store unreachable) otherwise.
 */
public final class CallerAuthenticator {

  private final RequestAuthenticator keys;

  public CallerAuthenticator(Authenticator authenticator) {
    this.keys = new RequestAuthenticator(authenticator);
  }

  /** The caller of this request. */
  public Caller authenticate(Context ctx) {
    return authenticate(ctx.header("Authorization"), certifiedKey(ctx.req()));
  }

  /**
   * The caller with this {@code Authorization} header (or null) and certified project.
   *
   * @throws ApiException 401, 403 or 503
   */
  Caller authenticate(String authorization, Optional<ProjectKey> certified) {
    if (certified.isPresent() && authorization == null) {
      // Certificates carry no key: the certified clients of a project share its buckets.
      return new Caller(certified.get(), "certificate:" + certified.get().projectId());
    }
    String token = bearerOrBasicToken(authorization);
    ProjectKey key = keys.require(token, Scope.INGEST);
    if (certified.isPresent() && !certified.get().projectId().equals(key.projectId())) {
      throw new ApiException(
          ErrorCode.FORBIDDEN,
          "the API key and the client certificate belong to different projects");
    }
    return new Caller(key, "key:" + KeyAuthenticator.fingerprint(token));
  }

  /** The project of a verified mutual-TLS client certificate (see {@code tls}). */
  static Optional<ProjectKey> certifiedKey(HttpServletRequest request) {
    try {
      return ClientCertificateIdentity.of(request);
    } catch (ClientCertificateIdentity.InvalidClientCertificateException e) {
      throw new ApiException(ErrorCode.FORBIDDEN, e.getMessage());
    }
  }

  /** A bearer key, or for Loki clients a key sent as the Basic password; null if neither. */
  private static String bearerOrBasicToken(String authorization) {
    return KeyAuthenticator.bearerToken(authorization)
        .or(() -> BasicCredentials.password(authorization))
        .orElse(null);
  }
}
