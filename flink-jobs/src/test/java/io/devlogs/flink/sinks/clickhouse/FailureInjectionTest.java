package io.devlogs.flink.sinks.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.flink.sinks.clickhouse.FailureInjection.Point;
import org.junit.jupiter.api.Test;

class FailureInjectionTest {

  @Test
  void firesOnceAfterTheGivenPassesOnlyAtItsPoint() {
    String key = "test-" + System.nanoTime();
    FailureInjection.arm(key, Point.COMMIT_AFTER_INSERT, 2);
    try {
      FailureInjection.at(key, Point.COMMIT_START);
      FailureInjection.at(key, Point.COMMIT_AFTER_INSERT);
      FailureInjection.at(key, Point.COMMIT_AFTER_INSERT);
      assertThat(FailureInjection.fired(key)).isFalse();
      assertThatThrownBy(() -> FailureInjection.at(key, Point.COMMIT_AFTER_INSERT))
          .isInstanceOf(FailureInjection.InjectedFailure.class);
      assertThat(FailureInjection.fired(key)).isTrue();
      assertThatNoException().isThrownBy(() -> FailureInjection.at(key, Point.COMMIT_AFTER_INSERT));
    } finally {
      FailureInjection.disarm(key);
    }
  }

  @Test
  void productionSinksHaveNoKeyAndNeverFail() {
    assertThatNoException().isThrownBy(() -> FailureInjection.at(null, Point.WRITER_RECORD));
  }
}
