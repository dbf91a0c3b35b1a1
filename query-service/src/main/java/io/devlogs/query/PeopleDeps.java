package io.devlogs.query;

import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.query.boards.Boards;
import io.devlogs.query.people.AuditLog;
import io.devlogs.query.people.Auditor;
import io.devlogs.query.people.Invitations;
import io.devlogs.query.people.Organisations;
import io.devlogs.query.people.PeopleDatabase;
import io.devlogs.query.people.Sessions;
import io.devlogs.query.people.SignInThrottle;
import io.devlogs.query.people.Users;
import io.devlogs.query.signin.OidcLogin;
import io.devlogs.query.signin.PasswordHasher;
import io.devlogs.query.signin.PeopleOptions;
import io.devlogs.query.signin.SessionLookup;
import io.devlogs.query.signin.StoredSessions;
import io.devlogs.settings.Settings;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the people routes need: their options, the stores of people in PostgreSQL, the password
 * hasher, the API key store (for project admins' key routes) and what to do after a key is revoked
 * (empty the key cache), single sign-on if configured, and a clock (tests move it to expire
 * sessions and lockouts), and the stores of saved searches, dashboards and public links.
 */
public record PeopleDeps(
    PeopleOptions options,
    Users users,
    Organisations organisations,
    Invitations invitations,
    Sessions sessions,
    SignInThrottle throttle,
    Auditor audit,
    PasswordHasher passwords,
    ApiKeyStore keys,
    Runnable onKeyRevoked,
    Optional<OidcLogin> sso,
    Clock clock,
    Boards boards) {

  public PeopleDeps {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(onKeyRevoked, "onKeyRevoked");
    Objects.requireNonNull(sso, "sso");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(boards, "boards");
  }

  /** The stores over the database of projects and keys. */
  public static PeopleDeps over(
      ProjectsDatabase database,
      ApiKeyStore keys,
      Runnable onKeyRevoked,
      PeopleOptions options,
      Clock clock) {
    PeopleDatabase people = new PeopleDatabase(database);
    Organisations organisations = new Organisations(people);
    return new PeopleDeps(
        options,
        new Users(people),
        organisations,
        new Invitations(people),
        new Sessions(people),
        new SignInThrottle(people),
        new Auditor(new AuditLog(people), organisations, clock),
        new PasswordHasher(),
        keys,
        onKeyRevoked,
        options.sso().map(OidcLogin::new),
        clock,
        Boards.over(people));
  }

  /**
   * For handler tests of the data routes: the default options and a database that is never reached
   * unless a request carries a session cookie or calls a people route (those then answer 503).
   */
  public static PeopleDeps unconfigured() {
    ProjectsDatabase nowhere =
        ProjectsDatabase.connect("jdbc:postgresql://127.0.0.1:1/no-people-database", null, null);
    return over(
        nowhere,
        new ApiKeyStore(nowhere),
        () -> {},
        PeopleOptions.from(Settings.of(Map.of())),
        Clock.systemUTC());
  }

  public SessionLookup sessionLookup() {
    return new StoredSessions(sessions, organisations, options.idleTimeout(), clock);
  }
}
