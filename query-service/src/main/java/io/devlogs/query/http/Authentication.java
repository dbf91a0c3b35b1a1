package io.devlogs.query.http;

import io.devlogs.http.ApiException;
import io.devlogs.http.BasicCredentials;
import io.devlogs.http.ErrorCode;
import io.devlogs.http.KeyCheck;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import io.devlogs.query.people.Role;
import io.devlogs.query.signin.PeopleRoutes;
import io.devlogs.query.signin.SessionCookie;
import io.devlogs.query.signin.SessionLookup;
import io.devlogs.query.signin.SignedIn;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Before-handler for the API routes. A project's data needs either {@code Authorization: Bearer
 * <query key>} with the answers of {@link KeyCheck} (401 for a missing, unknown, revoked or expired
 * key, 403 for a key without the query scope, 503 while the key store cannot be reached), or a
 * session cookie (401 {@code not_signed_in} once it has ended) whose chosen project the person
 * still has a role on (403 {@code forbidden} otherwise); a key comes first when a request has both.
 * The caller's project is stored for the controllers: it comes from the key or the session, never
 * from the request. The people routes ({@link PeopleRoutes}) only get the session resolved, if
 * there is one, and check it themselves.
 */
public final class Authentication implements Handler {
  private static final String CALLER = "devlogs.caller";
  private static final String SIGNED_IN = "devlogs.signedIn";

  private final QueryKeys keys;
  private final SessionLookup sessions;
  private final boolean basicPassword;

  public Authentication(QueryKeys keys) {
    this(keys, SessionLookup.none());
  }

  public Authentication(QueryKeys keys, SessionLookup sessions) {
    this(keys, sessions, false);
  }

  private Authentication(QueryKeys keys, SessionLookup sessions, boolean basicPassword) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.basicPassword = basicPassword;
  }

  /**
   * Also takes the key as the password of {@code Authorization: Basic} (Loki's read API: Grafana's
   * Loki data source and logcli offer basic auth), as ingest's Loki push route does.
   */
  public static Authentication acceptingBasicPassword(QueryKeys keys, SessionLookup sessions) {
    return new Authentication(keys, sessions, true);
  }

  @Override
  public void handle(Context ctx) {
    String cookie = SessionCookie.read(ctx);
    if (PeopleRoutes.isPeoplePath(ctx.path())) {
      if (cookie != null) {
        sessions.resolve(cookie).ifPresent(signedIn -> ctx.attribute(SIGNED_IN, signedIn));
      }
      return;
    }
    if (ctx.header("Authorization") != null || cookie == null) {
      String header = ctx.header("Authorization");
      String token =
          KeyAuthenticator.bearerToken(header)
              .or(() -> basicPassword ? BasicCredentials.password(header) : Optional.empty())
              .orElse(null);
      ProjectKey key = KeyCheck.require(keys::authenticate, token, Scope.QUERY);
      ctx.attribute(CALLER, new Caller(key.projectId(), roleOf(key), null, keyIdOf(token)));
      return;
    }
    SignedIn signedIn =
        sessions
            .resolve(cookie)
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorCode.NOT_SIGNED_IN,
                        "your session has ended (signed out, expired or idle): sign in again"));
    ctx.attribute(SIGNED_IN, signedIn);
    var project = signedIn.requireProject();
    ctx.attribute(
        CALLER,
        new Caller(
            project.projectId(),
            project.role(),
            signedIn.session().user(),
            "s:" + signedIn.session().idHash().substring(0, 32)));
  }

  /** A key reads as a viewer; one that also has the admin scope acts as its project's admin. */
  static Role roleOf(ProjectKey key) {
    return key.has(Scope.ADMIN) ? Role.ADMIN : Role.VIEWER;
  }

  /** The request's valid session, if it has one. */
  public static Optional<SignedIn> signedIn(Context ctx) {
    return Optional.ofNullable(ctx.attribute(SIGNED_IN));
  }

  /** Who makes this request to a project's data. */
  public static Caller caller(Context ctx) {
    Caller caller = ctx.attribute(CALLER);
    if (caller == null) {
      throw new IllegalStateException("route is not behind Authentication");
    }
    return caller;
  }

  /** An id of the request's key or session for per-caller limits: a hash, no raw secret. */
  public static String keyId(Context ctx) {
    return caller(ctx).limitId();
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

  /** The project of this request's key or session. */
  public static String projectId(Context ctx) {
    return caller(ctx).projectId();
  }
}
