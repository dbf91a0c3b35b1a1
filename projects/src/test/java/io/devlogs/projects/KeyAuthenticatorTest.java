package io.devlogs.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.AuthKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class KeyAuthenticatorTest {

  @Test
  void bearerTokenParsesTheStandardHeader() {
    assertThat(KeyAuthenticator.bearerToken("Bearer dl_ingest_abc")).contains("dl_ingest_abc");
    assertThat(KeyAuthenticator.bearerToken("bearer  dl_ingest_abc ")).contains("dl_ingest_abc");
  }

  @Test
  void bearerTokenIsEmptyForMissingOrOtherSchemes() {
    assertThat(KeyAuthenticator.bearerToken(null)).isEmpty();
    assertThat(KeyAuthenticator.bearerToken("")).isEmpty();
    assertThat(KeyAuthenticator.bearerToken("Bearer")).isEmpty();
    assertThat(KeyAuthenticator.bearerToken("Bearer   ")).isEmpty();
    assertThat(KeyAuthenticator.bearerToken("Basic dXNlcjpwYXNz")).isEmpty();
    assertThat(KeyAuthenticator.bearerToken("Bearer a b")).isEmpty();
    assertThat(KeyAuthenticator.bearerToken("dl_ingest_abc")).isEmpty();
  }

  @Test
  void cachesHitsAndMissesUntilTheTtlExpires() {
    MutableClock clock = new MutableClock();
    AtomicInteger lookups = new AtomicInteger();
    Map<String, ProjectKey> keys = Map.of("good", new ProjectKey("p_1", Scope.INGEST));
    KeyAuthenticator auth =
        new KeyAuthenticator(
            key -> {
              lookups.incrementAndGet();
              return Optional.ofNullable(keys.get(key));
            },
            Duration.ofSeconds(5),
            clock);

    assertThat(auth.authenticate("good")).contains(new ProjectKey("p_1", Scope.INGEST));
    assertThat(auth.authenticate("good")).contains(new ProjectKey("p_1", Scope.INGEST));
    assertThat(auth.authenticate("bad")).isEmpty();
    assertThat(auth.authenticate("bad")).isEmpty();
    assertThat(lookups).hasValue(2);

    clock.advance(Duration.ofSeconds(6));
    assertThat(auth.authenticate("good")).isPresent();
    assertThat(lookups).hasValue(3);
  }

  @Test
  void aCachedKeyIsRefusedFromItsExpiryOn() {
    MutableClock clock = new MutableClock();
    ProjectKey expiring =
        new ProjectKey("p_1", Set.of(Scope.INGEST), clock.instant().plusMillis(1500));
    KeyAuthenticator auth =
        new KeyAuthenticator(key -> Optional.of(expiring), Duration.ofSeconds(5), clock);

    assertThat(auth.authenticate("k")).contains(expiring);
    clock.advance(Duration.ofMillis(1499));
    assertThat(auth.authenticate("k")).contains(expiring);
    clock.advance(Duration.ofMillis(1));
    assertThat(auth.authenticate("k")).isEmpty();
  }

  @Test
  void invalidateAllForcesTheNextLookup() {
    AtomicInteger lookups = new AtomicInteger();
    KeyAuthenticator auth =
        new KeyAuthenticator(
            key -> {
              lookups.incrementAndGet();
              return Optional.of(new ProjectKey("p_1", Scope.INGEST));
            },
            Duration.ofSeconds(5),
            new MutableClock());
    auth.authenticate("k");
    auth.authenticate("k");
    assertThat(lookups).hasValue(1);

    auth.invalidateAll();
    auth.authenticate("k");
    assertThat(lookups).hasValue(2);
  }

  @Test
  void aLookupRacingWithInvalidationIsNotCached() {
    AtomicInteger lookups = new AtomicInteger();
    AtomicReference<KeyAuthenticator> self = new AtomicReference<>();
    KeyAuthenticator auth =
        new KeyAuthenticator(
            key -> {
              // The key is revoked (and the cache invalidated) while this lookup runs.
              if (lookups.incrementAndGet() == 1) {
                self.get().invalidateAll();
              }
              return Optional.of(new ProjectKey("p_1", Scope.INGEST));
            },
            Duration.ofSeconds(5),
            new MutableClock());
    self.set(auth);

    auth.authenticate("k");
    auth.authenticate("k");
    assertThat(lookups).hasValue(2);
  }

  @Test
  void ttlIsBoundedAndZeroMeansNoCache() {
    assertThatThrownBy(
            () ->
                new KeyAuthenticator(
                    k -> Optional.empty(), Duration.ofSeconds(11), Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10000 ms");
    assertThatThrownBy(
            () ->
                KeyAuthenticator.fromSettings(
                    new ApiKeyStore(
                        ProjectsDatabase.connect("jdbc:postgresql://127.0.0.1:1/none", "u", "p")),
                    Settings.of(Map.of(AuthKeys.KEY_CACHE_TTL_MS.key(), "60000"))))
        .hasMessageContaining("auth.key-cache-ttl-ms");
    assertThat(
            KeyAuthenticator.fromSettings(
                    new ApiKeyStore(
                        ProjectsDatabase.connect("jdbc:postgresql://127.0.0.1:1/none", "u", "p")),
                    Settings.of(Map.of()))
                .ttl())
        .isEqualTo(KeyAuthenticator.DEFAULT_TTL);

    AtomicInteger lookups = new AtomicInteger();
    KeyAuthenticator uncached =
        new KeyAuthenticator(
            key -> {
              lookups.incrementAndGet();
              return Optional.empty();
            },
            Duration.ZERO,
            new MutableClock());
    uncached.authenticate("k");
    uncached.authenticate("k");
    assertThat(lookups).hasValue(2);
  }

  @Test
  void aKeyFoundValidWithinTheGraceWorksWhileTheStoreIsDownAndOthersDoNot() {
    MutableClock clock = new MutableClock();
    AtomicReference<Boolean> storeUp = new AtomicReference<>(true);
    Map<String, ProjectKey> keys = Map.of("good", new ProjectKey("p_1", Scope.INGEST));
    KeyAuthenticator auth =
        new KeyAuthenticator(
            key -> {
              if (!storeUp.get()) {
                throw new IllegalStateException("connection refused");
              }
              return Optional.ofNullable(keys.get(key));
            },
            Duration.ofSeconds(3),
            Duration.ofMinutes(10),
            clock);
    assertThat(auth.authenticate("good")).isPresent();
    assertThat(auth.authenticate("bad")).isEmpty();

    storeUp.set(false);
    clock.advance(Duration.ofMinutes(9));
    assertThat(auth.authenticate("good")).contains(new ProjectKey("p_1", Scope.INGEST));
    assertThatThrownBy(() -> auth.authenticate("bad")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> auth.authenticate("never-seen"))
        .isInstanceOf(IllegalStateException.class);

    clock.advance(Duration.ofMinutes(2));
    assertThatThrownBy(() -> auth.authenticate("good"))
        .as("the grace counts from the store's last answer, not from the last use")
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aZeroGraceRefusesEveryKeyWhileTheStoreIsDown() {
    MutableClock clock = new MutableClock();
    AtomicReference<Boolean> storeUp = new AtomicReference<>(true);
    KeyAuthenticator auth =
        new KeyAuthenticator(
            key -> {
              if (!storeUp.get()) {
                throw new IllegalStateException("connection refused");
              }
              return Optional.of(new ProjectKey("p_1", Scope.INGEST));
            },
            Duration.ofSeconds(3),
            Duration.ZERO,
            clock);
    assertThat(auth.authenticate("good")).isPresent();
    storeUp.set(false);
    clock.advance(Duration.ofSeconds(4));
    assertThatThrownBy(() -> auth.authenticate("good")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void outageGraceComesFromItsSettingAndIsBounded() {
    ApiKeyStore store =
        new ApiKeyStore(ProjectsDatabase.connect("jdbc:postgresql://127.0.0.1:1/none", "u", "p"));
    assertThat(
            KeyAuthenticator.fromSettings(
                    store, Settings.of(Map.of(AuthKeys.KEY_OUTAGE_GRACE_MS.key(), "60000")))
                .outageGrace())
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(KeyAuthenticator.fromSettings(store, Settings.of(Map.of())).outageGrace())
        .isEqualTo(KeyAuthenticator.DEFAULT_OUTAGE_GRACE);
    assertThatThrownBy(
            () ->
                KeyAuthenticator.fromSettings(
                    store, Settings.of(Map.of(AuthKeys.KEY_OUTAGE_GRACE_MS.key(), "3600001"))))
        .hasMessageContaining(AuthKeys.KEY_OUTAGE_GRACE_MS.key());
  }

  @Test
  void emptyKeyIsNeverLookedUp() {
    AtomicInteger lookups = new AtomicInteger();
    KeyAuthenticator auth =
        new KeyAuthenticator(
            key -> {
              lookups.incrementAndGet();
              return Optional.empty();
            },
            Duration.ofSeconds(5),
            Clock.systemUTC());
    assertThat(auth.authenticate("")).isEmpty();
    assertThat(auth.authenticate(null)).isEmpty();
    assertThat(lookups).hasValue(0);
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
