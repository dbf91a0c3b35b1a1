package io.devlogs.query.signin;

import io.devlogs.query.people.Organisations;
import io.devlogs.query.people.ProjectAccess;
import io.devlogs.query.people.SessionRow;
import io.devlogs.query.people.Sessions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sessions as PostgreSQL keeps them, checked against this clock: a session is valid until its
 * expiry, while it has been used within the idle timeout and until it is signed out. Activity is
 * written at most once per {@link #touchEvery()} so a busy page does not write per request. The
 * chosen project's role is read at every request, so a role change or removal applies at once.
 */
public final class StoredSessions implements SessionLookup {
  private final Sessions sessions;
  private final Organisations organisations;
  private final Duration idleTimeout;
  private final Clock clock;

  public StoredSessions(
      Sessions sessions, Organisations organisations, Duration idleTimeout, Clock clock) {
    this.sessions = sessions;
    this.organisations = organisations;
    this.idleTimeout = idleTimeout;
    this.clock = clock;
  }

  @Override
  public Optional<SignedIn> resolve(String rawId) {
    Optional<SessionRow> found = sessions.find(rawId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    SessionRow session = found.get();
    Instant now = clock.instant();
    if (session.revokedAt() != null
        || !now.isBefore(session.expiresAt())
        || !now.isBefore(session.lastSeenAt().plus(idleTimeout))) {
      return Optional.empty();
    }
    if (Duration.between(session.lastSeenAt(), now).compareTo(touchEvery()) >= 0) {
      sessions.touch(session.idHash(), now);
    }
    Optional<ProjectAccess> project =
        session.projectId() == null
            ? Optional.empty()
            : organisations.access(session.user().id(), session.projectId());
    return Optional.of(new SignedIn(rawId, session, project));
  }

  /** A tenth of the idle timeout, at most a minute. */
  Duration touchEvery() {
    Duration tenth = idleTimeout.dividedBy(10);
    return tenth.compareTo(Duration.ofMinutes(1)) < 0 ? tenth : Duration.ofMinutes(1);
  }
}
