package io.devlogs.projects;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.testing.Poll;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The revocation bound of {@link KeyAuthenticator} against the local PostgreSQL: a key revoked by
 * another process is refused within one TTL; one revoked through this process at once.
 */
class KeyRevocationIT {

  private static final Duration TTL = Duration.ofSeconds(2);
  private final ProjectsDatabase database = StackDatabase.DATABASE;
  private final ProjectStore projects = new ProjectStore(database);
  private final ApiKeyStore keys = new ApiKeyStore(database);

  @Test
  void aKeyRevokedElsewhereIsRefusedWithinOneTtl() throws Exception {
    Project p = projects.createProject("revocation-it-" + System.nanoTime());
    IssuedKey key = keys.issueKey(p.id(), Set.of(Scope.INGEST), null);
    KeyAuthenticator auth = new KeyAuthenticator(keys, TTL);
    assertThat(auth.authenticate(key.rawKey())).isPresent();

    // Another process revokes it: this authenticator is not told.
    keys.revokeKey(p.id(), key.info().id()).orElseThrow();
    long revoked = System.nanoTime();

    Poll.until(
        TTL.multipliedBy(5),
        () -> auth.authenticate(key.rawKey()).isEmpty(),
        "the revoked key refused by the caching authenticator");
    Duration refusedAfter = Duration.ofNanos(System.nanoTime() - revoked);
    System.out.printf(
        "revoked key refused after %d ms (TTL %d ms)%n", refusedAfter.toMillis(), TTL.toMillis());
    // The poll interval and one lookup are the only slack beyond the TTL.
    assertThat(refusedAfter).isLessThanOrEqualTo(TTL.plusMillis(500));
  }

  @Test
  void aKeyRevokedThroughThisProcessIsRefusedAtOnce() {
    Project p = projects.createProject("revocation-it-" + System.nanoTime());
    IssuedKey key = keys.issueKey(p.id(), Set.of(Scope.INGEST), null);
    KeyAuthenticator auth = new KeyAuthenticator(keys, KeyAuthenticator.MAX_TTL);
    assertThat(auth.authenticate(key.rawKey())).isPresent();

    keys.revokeKey(p.id(), key.info().id()).orElseThrow();
    assertThat(auth.authenticate(key.rawKey())).as("cached until invalidated").isPresent();
    auth.invalidateAll();

    assertThat(auth.authenticate(key.rawKey())).isEmpty();
  }
}
