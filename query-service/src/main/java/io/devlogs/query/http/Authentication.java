package io.devlogs.query.http;

import io.devlogs.http.BasicCredentials;
import io.devlogs.http.KeyCheck;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Before-handler for the API routes: requires {@code Authorization: Bearer <query key>} with the
 * answers of {@link KeyCheck} (401 for a missing, unknown, revoked or expired key, 403 for a key
 * without the query scope, 503 while the key store cannot be reached), and otherwise stores the
 * key's project for the controllers. The project of every query comes from here, never from the
 * request.
 */
public final class Authentication implements Handler {
  private static final String ATTRIBUTE = "devlogs.projectKey";
  private static final String KEY_ID = "devlogs.keyId";

  private final QueryKeys keys;
  private final boolean basicPassword;

  public Authentication(QueryKeys keys) {
    this(keys, false);
  }

  private Authentication(QueryKeys keys, boolean basicPassword) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.basicPassword = basicPassword;
  }

  /**
   * Also takes the key as the password of {@code Authorization: Basic} (Loki's read API: Grafana's
   * Loki data source and logcli offer basic auth), as ingest's Loki push route does.
   */
  public static Authentication acceptingBasicPassword(QueryKeys keys) {
    return new Authentication(keys, true);
  }

  @Override
  public void handle(Context ctx) {
    String header = ctx.header("Authorization");
    String token =
        KeyAuthenticator.bearerToken(header)
            .or(() -> basicPassword ? BasicCredentials.password(header) : Optional.empty())
            .orElse(null);
    ProjectKey key = KeyCheck.require(keys::authenticate, token, Scope.QUERY);
    ctx.attribute(ATTRIBUTE, key);
    ctx.attribute(KEY_ID, keyIdOf(token));
  }

  /** An id of the request's API key for per-key limits: a hash, so no raw key is kept. */
  public static String keyId(Context ctx) {
    String id = ctx.attribute(KEY_ID);
    if (id == null) {
      throw new IllegalStateException("route is not behind Authentication");
    }
    return id;
  }

  /** The id of a raw key: the first 16 bytes of its SHA-256, in hex. */
  static String keyIdOf(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The project id of the authenticated key of this request. */
  public static String projectId(Context ctx) {
    ProjectKey key = ctx.attribute(ATTRIBUTE);
    if (key == null) {
      throw new IllegalStateException("route is not behind Authentication");
    }
    return key.projectId();
  }
}
