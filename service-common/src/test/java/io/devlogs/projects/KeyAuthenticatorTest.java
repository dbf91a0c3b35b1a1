package io.devlogs.projects;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
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
