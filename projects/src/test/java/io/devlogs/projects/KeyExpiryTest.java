package io.devlogs.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyExpiryTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void durationsHaveAUnit() {
    assertThat(KeyExpiry.duration("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(KeyExpiry.duration("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(KeyExpiry.duration("12H")).isEqualTo(Duration.ofHours(12));
    assertThat(KeyExpiry.duration("30d")).isEqualTo(Duration.ofDays(30));
    for (String bad : List.of("30", "d", "0d", "-1d", "1w", "1.5h", "9999999d")) {
      assertThatThrownBy(() -> KeyExpiry.duration(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'");
    }
  }

  @Test
  void instantsAreIso8601() {
    assertThat(KeyExpiry.instant("2030-01-31T00:00:00Z"))
        .isEqualTo(Instant.parse("2030-01-31T00:00:00Z"));
    assertThatThrownBy(() -> KeyExpiry.instant("2030-01-31"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ISO-8601");
  }

  @Test
  void flagsGiveAnInstantOrNothing() {
    assertThat(KeyExpiry.parse(List.of(), NOW)).isNull();
    assertThat(KeyExpiry.parse(List.of("--expires-in", "1h"), NOW))
        .isEqualTo(NOW.plus(Duration.ofHours(1)));
    assertThat(KeyExpiry.parse(List.of("--expires-at=2030-01-01T00:00:00Z"), NOW))
        .isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    assertThatThrownBy(() -> KeyExpiry.parse(List.of("--expires-in=1h", "--expires-in=2h"), NOW))
        .hasMessageContaining("once");
    assertThatThrownBy(() -> KeyExpiry.parse(List.of("--ttl=1h"), NOW))
        .hasMessageContaining("unknown option '--ttl'");
  }
}
