package io.devlogs.query.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy =
      new RetryPolicy(8, Duration.ofMillis(100), Duration.ofMillis(1_000));

  @Test
  void doublesFromTheBaseUpToTheCapWithoutJitterAtTheTop() {
    assertThat(policy.delayBefore(2, () -> 0.999999)).isEqualTo(Duration.ofMillis(99));
    assertThat(policy.delayBefore(3, () -> 0.999999)).isEqualTo(Duration.ofMillis(199));
    assertThat(policy.delayBefore(4, () -> 0.999999)).isEqualTo(Duration.ofMillis(399));
    assertThat(policy.delayBefore(5, () -> 0.999999)).isEqualTo(Duration.ofMillis(799));
    assertThat(policy.delayBefore(6, () -> 0.999999)).isEqualTo(Duration.ofMillis(999));
    assertThat(policy.delayBefore(60, () -> 0.999999)).isEqualTo(Duration.ofMillis(999));
  }

  @Test
  void jitterTakesAtMostHalfOfTheDelay() {
    assertThat(policy.delayBefore(4, () -> 0.0)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.delayBefore(4, () -> 0.5)).isEqualTo(Duration.ofMillis(300));
    assertThat(policy.delayBefore(6, () -> 0.0)).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
        .hasMessageContaining("attempts");
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("base <= max");
    assertThatThrownBy(() -> policy.delayBefore(1, () -> 0)).hasMessageContaining("first");
  }
}
