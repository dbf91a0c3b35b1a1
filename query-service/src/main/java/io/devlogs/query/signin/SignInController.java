package io.devlogs.query.signin;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.devlogs.query.PeopleDeps;
import io.devlogs.query.http.Authentication;
import io.devlogs.query.http.JsonBody;
import io.devlogs.query.people.ProjectAccess;
import io.devlogs.query.people.SignInThrottle;
import io.devlogs.query.people.User;
import io.devlogs.query.people.Users;
import io.devlogs.settings.keys.PeopleKeys;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Password sign-in with a lockout against guessing, the session ({@code GET} and choosing its
 * project with {@code PUT}), sign-out and sign-out everywhere.
 *
 * <p>The lockout: {@link PeopleKeys#LOCKOUT_ACCOUNT_FAILURES} failures for one email or {@link
 * PeopleKeys#LOCKOUT_ADDRESS_FAILURES} from one source address within {@link
 * PeopleKeys#LOCKOUT_WINDOW} lock it out for {@link PeopleKeys#LOCKOUT_DURATION}: every sign-in of
 * it is then answered 429 {@code rate_limited} with {@code Retry-After}, the right password
 * included, and the audit log says so. A success forgets the account's failures, not the address's.
 */
public final class SignInController {
  private final PeopleDeps people;

  public SignInController(PeopleDeps people) {
    this.people = people;
  }

  public void signIn(Context ctx) {
    JsonBody body = JsonBody.of(ctx);
    String emailText = body.text("email");
    String password = body.text("password");
    Instant now = people.clock().instant();
    String address = ctx.ip();
    String email;
    try {
      email = Users.normalEmail(emailText);
    } catch (IllegalArgumentException e) {
      email = null;
    }
    String accountSubject = email == null ? null : SignInThrottle.account(email);
    String addressSubject = SignInThrottle.address(address);
    refuseIfLocked(accountSubject, PeopleKeys.LOCKOUT_ACCOUNT_FAILURES, "this account", now);
    refuseIfLocked(addressSubject, PeopleKeys.LOCKOUT_ADDRESS_FAILURES, "your address", now);

    Optional<Users.WithPassword> person =
        email == null ? Optional.empty() : people.users().findByEmail(email);
    boolean matches =
        people
            .passwords()
            .matches(password, person.map(Users.WithPassword::passwordHash).orElse(null));
    String actor =
        email != null
            ? email
            : emailText.substring(0, Math.min(emailText.length(), Users.MAX_LENGTH));
    String userId = person.map(p -> p.user().id()).orElse(null);
    if (!matches) {
      PeopleOptions.Lockout lockout = people.options().lockout();
      Optional<Instant> accountLocked =
          accountSubject == null
              ? Optional.empty()
              : people
                  .throttle()
                  .recordFailure(
                      accountSubject,
                      now,
                      lockout.window(),
                      lockout.accountFailures(),
                      lockout.duration());
      Optional<Instant> addressLocked =
          people
              .throttle()
              .recordFailure(
                  addressSubject,
                  now,
                  lockout.window(),
                  lockout.addressFailures(),
                  lockout.duration());
      people.audit().ofPerson(userId, actor, "sign_in_failed", address, null);
      if (accountLocked.isPresent()) {
        people.audit().ofPerson(userId, actor, "locked_out", address, "account");
        throw lockedOut(
            PeopleKeys.LOCKOUT_ACCOUNT_FAILURES, "this account", accountLocked.get(), now);
      }
      if (addressLocked.isPresent()) {
        people.audit().ofPerson(userId, actor, "locked_out", address, "address");
        throw lockedOut(
            PeopleKeys.LOCKOUT_ADDRESS_FAILURES, "your address", addressLocked.get(), now);
      }
      throw new ApiException(
          ErrorCode.INVALID_CREDENTIALS, "unknown email or wrong password", null);
    }
    people.throttle().clear(accountSubject, now);
    User user = person.get().user();
    startSession(ctx, user, null);
    people.audit().ofPerson(user.id(), user.email(), "sign_in", address, "password");
    ctx.json(view(ctx, user));
  }

  private void refuseIfLocked(
      String subject, io.devlogs.settings.Setting<Integer> limit, String what, Instant now) {
    if (subject == null) {
      return;
    }
    Optional<Instant> until = people.throttle().lockedUntil(List.of(subject), now);
    if (until.isPresent()) {
      throw lockedOut(limit, what, until.get(), now);
    }
  }

  private static ApiException lockedOut(
      io.devlogs.settings.Setting<Integer> limit, String what, Instant until, Instant now) {
    long seconds = Math.max(1, Duration.between(now, until).toSeconds());
    return new ApiException(
        ErrorCode.RATE_LIMITED,
        "too many failed sign-ins for " + what + ": sign-in is locked for " + seconds + " s more",
        Map.of("limit", limit.key(), "lockedUntil", until.toString()),
        Map.of("Retry-After", Long.toString(seconds)));
  }

  /**
   * Starts a session for the person on {@code projectId} (if they have a role on it) or on their
   * first project, sets its cookie and stores it on the request.
   */
  void startSession(Context ctx, User user, String projectId) {
    startSession(people, ctx, user, projectId);
  }

  static String startSession(PeopleDeps people, Context ctx, User user, String projectId) {
    List<ProjectAccess> projects = people.organisations().projectsOf(user.id());
    String chosen =
        projects.stream()
            .filter(p -> p.projectId().equals(projectId))
            .findFirst()
            .or(() -> projects.stream().findFirst())
            .map(ProjectAccess::projectId)
            .orElse(null);
    Instant now = people.clock().instant();
    Duration lifetime = people.options().sessionLifetime();
    String rawId = people.sessions().create(user.id(), chosen, now, now.plus(lifetime));
    SessionCookie.set(ctx, rawId, lifetime, people.options().httpsOrigin());
    ctx.attribute(NEW_SESSION, rawId);
    return rawId;
  }

  private static final String NEW_SESSION = "devlogs.newSession";

  /** The session view of the request's session, or of the one just started. */
  SessionView view(Context ctx, User user) {
    return view(people, ctx, user);
  }

  static SessionView view(PeopleDeps people, Context ctx, User user) {
    String rawId = ctx.attribute(NEW_SESSION);
    Optional<SignedIn> current = Authentication.signedIn(ctx);
    if (rawId == null) {
      rawId = current.map(SignedIn::rawId).orElseThrow(SignInController::notSignedIn);
    }
    var session = people.sessions().find(rawId).orElseThrow(SignInController::notSignedIn);
    List<ProjectAccess> projects = people.organisations().projectsOf(user.id());
    ProjectAccess chosen =
        projects.stream()
            .filter(p -> p.projectId().equals(session.projectId()))
            .findFirst()
            .orElse(null);
    return new SessionView(
        user,
        Csrf.tokenFor(rawId),
        chosen,
        projects,
        people.organisations().organisationsOf(user.id()),
        session.expiresAt());
  }

  static ApiException notSignedIn() {
    return new ApiException(ErrorCode.NOT_SIGNED_IN, "not signed in: sign in first");
  }

  /** The request's session; 401 {@code not_signed_in} without one. */
  static SignedIn requireSignedIn(Context ctx) {
    return Authentication.signedIn(ctx).orElseThrow(SignInController::notSignedIn);
  }

  public void session(Context ctx) {
    SignedIn signedIn = requireSignedIn(ctx);
    ctx.json(view(ctx, signedIn.session().user()));
  }

  /**
   * {@code PUT /v1/auth/session} {@code {"projectId": ...}}: a project the person has a role on.
   */
  public void chooseProject(Context ctx) {
    SignedIn signedIn = requireSignedIn(ctx);
    String projectId = JsonBody.of(ctx).text("projectId");
    User user = signedIn.session().user();
    if (people.organisations().access(user.id(), projectId).isEmpty()) {
      throw new ApiException(
          ErrorCode.NOT_FOUND, "you have no role on a project with id '" + projectId + "'");
    }
    people.sessions().chooseProject(signedIn.session().idHash(), projectId);
    ctx.json(view(ctx, user));
  }

  public void signOut(Context ctx) {
    Authentication.signedIn(ctx)
        .ifPresent(
            signedIn -> {
              people.sessions().revoke(signedIn.session().idHash(), people.clock().instant());
              User user = signedIn.session().user();
              people.audit().ofPerson(user.id(), user.email(), "sign_out", ctx.ip(), null);
            });
    SessionCookie.clear(ctx, people.options().httpsOrigin());
    ctx.status(HttpStatus.NO_CONTENT);
  }

  public void signOutEverywhere(Context ctx) {
    SignedIn signedIn = requireSignedIn(ctx);
    User user = signedIn.session().user();
    int ended = people.sessions().revokeAll(user.id(), people.clock().instant());
    people
        .audit()
        .ofPerson(user.id(), user.email(), "sign_out_everywhere", ctx.ip(), ended + " sessions");
    SessionCookie.clear(ctx, people.options().httpsOrigin());
    ctx.json(Map.of("sessionsEnded", ended));
  }
}
