package io.devlogs.query.signin;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.devlogs.query.PeopleDeps;
import io.devlogs.query.people.Organisation;
import io.devlogs.query.people.Role;
import io.devlogs.query.people.User;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single sign-on: {@code GET /v1/auth/sso/start} sends the browser to the provider, {@code GET
 * /v1/auth/sso/callback} finishes the login. The provider's role claim is mapped to organisation
 * memberships and roles ({@code people.oidc.role-mapping}); a person whose claim maps to no
 * organisation is refused. The login's state is also kept in a short cookie, so a callback opened
 * in another browser (login CSRF) is refused. Problems send the browser back to the sign-in page
 * with {@code ?signin_error=}.
 */
public final class SsoController {
  private static final Logger LOG = LoggerFactory.getLogger(SsoController.class);
  static final String STATE_COOKIE = "devlogs_sso_state";
  static final String CALLBACK_PATH = "/v1/auth/sso/callback";

  private final PeopleDeps people;
  private final PendingLogins pending;

  public SsoController(PeopleDeps people) {
    this.people = people;
    this.pending = new PendingLogins(people.clock());
  }

  private OidcLogin sso() {
    return people
        .sso()
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorCode.NOT_FOUND,
                    "single sign-on is not configured (set people.oidc.issuer)"));
  }

  public void start(Context ctx) {
    OidcLogin sso = sso();
    String next = safeNext(ctx.queryParam("next"));
    OidcLogin.Pending login = sso.newLogin(URI.create(origin(ctx) + CALLBACK_PATH), next);
    URI target;
    try {
      target = sso.authorizationUri(login);
    } catch (OidcLogin.SsoException e) {
      throw ApiException.unavailable("oidc", e.getMessage());
    }
    pending.put(login);
    ctx.res()
        .addHeader(
            "Set-Cookie",
            STATE_COOKIE
                + "="
                + login.state().getValue()
                + "; Path=/v1/auth/sso; Max-Age="
                + PendingLogins.LIFETIME.toSeconds()
                + "; HttpOnly; SameSite=Lax"
                + (secure(ctx) ? "; Secure" : ""));
    ctx.redirect(target.toString());
  }

  public void callback(Context ctx) {
    OidcLogin sso = sso();
    String state = ctx.queryParam("state");
    String address = ctx.ip();
    Optional<OidcLogin.Pending> login =
        state != null && state.equals(ctx.cookie(STATE_COOKIE))
            ? pending.take(state)
            : Optional.empty();
    ctx.res()
        .addHeader(
            "Set-Cookie", STATE_COOKIE + "=; Path=/v1/auth/sso; Max-Age=0; HttpOnly; SameSite=Lax");
    if (login.isEmpty()) {
      backToSignIn(ctx, "this sign-in link is unknown, used or expired: start again");
      return;
    }
    URI callback = URI.create(origin(ctx) + CALLBACK_PATH + "?" + ctx.queryString());
    OidcLogin.Identity identity;
    try {
      identity = sso.finish(callback, login.get());
    } catch (OidcLogin.SsoException e) {
      LOG.warn("single sign-on failed: {}", e.getMessage());
      people.audit().ofPerson(null, "sso", "sso_failed", address, e.getMessage());
      backToSignIn(ctx, "single sign-on failed: " + e.getMessage());
      return;
    }
    Map<String, Role> roles = new HashMap<>();
    for (String value : identity.claimValues()) {
      PeopleOptions.Grant grant = sso.options().roleMapping().get(value);
      if (grant == null) {
        continue;
      }
      Optional<Organisation> organisation = people.organisations().findByName(grant.organisation());
      if (organisation.isEmpty()) {
        LOG.warn(
            "people.oidc.role-mapping names the unknown organisation '{}'", grant.organisation());
        continue;
      }
      roles.merge(organisation.get().id(), grant.role(), Role::higher);
    }
    if (roles.isEmpty()) {
      people
          .audit()
          .ofPerson(
              null,
              identity.email(),
              "sso_refused",
              address,
              "no organisation for " + identity.claimValues());
      backToSignIn(
          ctx,
          "your "
              + sso.options().roleClaim()
              + " ("
              + String.join(", ", identity.claimValues())
              + ") give no role in devlogs: ask an organisation owner");
      return;
    }
    User user =
        people
            .users()
            .signedInThroughSso(
                identity.issuer(), identity.subject(), identity.email(), identity.name());
    people.organisations().applySsoRoles(user.id(), roles);
    SignInController.startSession(people, ctx, user, null);
    people.audit().ofPerson(user.id(), user.email(), "sign_in", address, "sso");
    ctx.redirect(login.get().next());
  }

  private void backToSignIn(Context ctx, String message) {
    ctx.redirect("/?signin_error=" + URLEncoder.encode(message, StandardCharsets.UTF_8));
  }

  /** A path of this site only: no scheme, no host, no {@code //}. */
  static String safeNext(String next) {
    if (next == null
        || !next.startsWith("/")
        || next.startsWith("//")
        || next.startsWith("/\\")
        || next.chars().anyMatch(c -> c < 0x20)) {
      return "/";
    }
    return next;
  }

  private String origin(Context ctx) {
    return people.options().publicOrigin().orElseGet(() -> ctx.scheme() + "://" + ctx.host());
  }

  private boolean secure(Context ctx) {
    return people.options().httpsOrigin() || "https".equalsIgnoreCase(ctx.scheme());
  }
}
