package io.devlogs.query.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Single sign-on logins between their start and their callback, by state, for at most {@link
 * #LIFETIME}; each is taken once. Held in this process, so the callback must reach the instance
 * that started the login (sticky sessions behind a load balancer).
 */
public final class PendingLogins {
  static final Duration LIFETIME = Duration.ofMinutes(10);
  static final int MAX_PENDING = 10_000;

  private record Entry(OidcLogin.Pending login, Instant expires) {}

  private final ConcurrentHashMap<String, Entry> pending = new ConcurrentHashMap<>();
  private final Clock clock;

  public PendingLogins(Clock clock) {
    this.clock = clock;
  }

  public void put(OidcLogin.Pending login) {
    Instant now = clock.instant();
    if (pending.size() >= MAX_PENDING) {
      pending.values().removeIf(e -> !e.expires().isAfter(now));
      if (pending.size() >= MAX_PENDING) {
        throw new IllegalStateException("too many single sign-on logins at once; retry later");
      }
    }
    pending.put(login.state().getValue(), new Entry(login, now.plus(LIFETIME)));
  }

  /** The login of this state, removed; empty if unknown, taken or too old. */
  public Optional<OidcLogin.Pending> take(String state) {
    if (state == null) {
      return Optional.empty();
    }
    Entry entry = pending.remove(state);
    return entry == null || !entry.expires().isAfter(clock.instant())
        ? Optional.empty()
        : Optional.of(entry.login());
  }
}
