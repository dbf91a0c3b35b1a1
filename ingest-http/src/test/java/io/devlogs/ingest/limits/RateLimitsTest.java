package io.devlogs.ingest.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.limits.Rate;
import io.devlogs.settings.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

  @Test
  void defaultsAreGenerousWithABurstOfTwiceTheRate() {
    RateLimits limits = RateLimits.from(Settings.of(Map.of()));
    assertThat(limits.events()).isEqualTo(new Rate(50_000, 100_000));
    assertThat(limits.bytes()).isEqualTo(new Rate(50L << 20, 100L << 20));
    assertThat(limits.maxKeys()).isEqualTo(100_000);
  }

  @Test
  void settingsOverrideAndZeroDisables() {
    RateLimits limits =
        RateLimits.from(
            Settings.of(
                Map.of(
                    "ingest.rate-limit.events-per-second", "10",
                    "ingest.rate-limit.events-burst", "15",
                    "ingest.rate-limit.bytes-per-second", "0",
                    "ingest.rate-limit.max-keys", "7")));
    assertThat(limits.events()).isEqualTo(new Rate(10, 15));
    assertThat(limits.bytes()).isNull();
    assertThat(limits.maxKeys()).isEqualTo(7);
  }

  @Test
  void badValuesNameTheSetting() {
    assertThatThrownBy(
            () ->
                RateLimits.from(Settings.of(Map.of("ingest.rate-limit.bytes-per-second", "lots"))))
        .hasMessageContaining("ingest.rate-limit.bytes-per-second")
        .hasMessageContaining("DEVLOGS_INGEST_RATE_LIMIT_BYTES_PER_SECOND");
    assertThatThrownBy(
            () -> RateLimits.from(Settings.of(Map.of("ingest.rate-limit.events-per-second", "-1"))))
        .hasMessageContaining("must be at least 0");
    assertThatThrownBy(
            () ->
                RateLimits.from(
                    Settings.of(
                        Map.of(
                            "ingest.rate-limit.events-per-second", "100",
                            "ingest.rate-limit.events-burst", "50"))))
        .hasMessageContaining("ingest.rate-limit.events-burst")
        .hasMessageContaining("at least the rate per second");
  }
}
