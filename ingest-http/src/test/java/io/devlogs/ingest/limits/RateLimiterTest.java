package io.devlogs.ingest.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.limits.Rate;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Token buckets with a fake clock. */
class RateLimiterTest {

  private final AtomicLong nanos = new AtomicLong(1_000);
  private final RateLimiter limiter =
      new RateLimiter(new RateLimits(new Rate(100, 200), new Rate(1_000, 2_000), 3), nanos::get);

  private void advanceMillis(long millis) {
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  @Test
  void aKeyMaySpendItsBurstThenIsRefusedNamingTheLimit() {
    assertThat(limiter.tryAcquire("k", "p", 150, 10)).isEmpty();
    assertThat(limiter.tryAcquire("k", "p", 50, 10)).isEmpty();

    RateLimitExceeded exceeded = limiter.tryAcquire("k", "p", 50, 10).orElseThrow();
    assertThat(exceeded.limit()).isEqualTo("events_per_second");
    assertThat(exceeded.retryAfterSeconds()).isEqualTo(1); // 50 events at 100/s: 0.5 s, rounded up
    assertThat(exceeded.exceedsBurst()).isFalse();
    assertThat(exceeded.describe()).contains("events_per_second", "100 events/s", "burst 200");
  }

  @Test
  void retryAfterIsTheWholeSecondsUntilEnoughTokens() {
    assertThat(limiter.tryAcquire("k", "p", 200, 0)).isEmpty();
    assertThat(limiter.tryAcquire("k", "p", 200, 0).orElseThrow().retryAfterSeconds()).isEqualTo(2);
    advanceMillis(1_500); // 150 tokens back: 50 missing = 0.5 s
    assertThat(limiter.tryAcquire("k", "p", 200, 0).orElseThrow().retryAfterSeconds()).isEqualTo(1);
    advanceMillis(500);
    assertThat(limiter.tryAcquire("k", "p", 200, 0)).isEmpty();
  }

  @Test
  void tokensComeBackAtTheRateButNeverAboveTheBurst() {
    assertThat(limiter.tryAcquire("k", "p", 200, 0)).isEmpty();
    advanceMillis(100); // +10 events
    assertThat(limiter.tryAcquire("k", "p", 10, 0)).isEmpty();
    assertThat(limiter.tryAcquire("k", "p", 1, 0)).isPresent();

    advanceMillis(3_600_000);
    assertThat(limiter.tryAcquire("k", "p", 200, 0)).isEmpty();
    assertThat(limiter.tryAcquire("k", "p", 1, 0))
        .as("an hour of idleness refills only the burst")
        .isPresent();
  }

  @Test
  void theBytesLimitIsNamedWhenItIsTheOneExceeded() {
    assertThat(limiter.tryAcquire("k", "p", 1, 2_000)).isEmpty();
    RateLimitExceeded exceeded = limiter.tryAcquire("k", "p", 1, 500).orElseThrow();
    assertThat(exceeded.limit()).isEqualTo("bytes_per_second");
    assertThat(exceeded.retryAfterSeconds()).isEqualTo(1);
    assertThat(exceeded.describe()).contains("bytes_per_second", "1000 bytes/s");
  }

  @Test
  void aRefusedRequestTakesNoTokens() {
    assertThat(limiter.tryAcquire("k", "p", 10, 1_990)).isEmpty();
    // Events would fit, bytes do not: neither bucket may be charged.
    assertThat(limiter.tryAcquire("k", "p", 100, 100)).isPresent();
    assertThat(limiter.tryAcquire("k", "p", 190, 10)).isEmpty();
  }

  @Test
  void keysHaveTheirOwnBuckets() {
    assertThat(limiter.tryAcquire("a", "p", 200, 0)).isEmpty();
    assertThat(limiter.tryAcquire("a", "p", 1, 0)).isPresent();
    assertThat(limiter.tryAcquire("b", "p", 200, 0)).isEmpty();
  }

  @Test
  void aRequestLargerThanTheBurstCanNeverPass() {
    RateLimitExceeded exceeded = limiter.tryAcquire("k", "p", 201, 0).orElseThrow();
    assertThat(exceeded.exceedsBurst()).isTrue();
    assertThat(exceeded.retryAfterSeconds()).isZero();
    assertThat(exceeded.describe()).contains("send smaller requests");
    assertThat(limiter.tryAcquire("k", "p", 200, 0)).as("nothing was taken").isEmpty();
  }

  @Test
  void memoryIsBoundedUnderAFloodOfKeysDroppingTheLeastRecentlyUsed() {
    assertThat(limiter.tryAcquire("busy", "p", 200, 0)).isEmpty();
    for (int i = 0; i < 10_000; i++) {
      limiter.tryAcquire("flood-" + i, "p", 1, 1);
      if (i % 2 == 0) {
        assertThat(limiter.tryAcquire("busy", "p", 1, 0)).as("busy key stays drained").isPresent();
      }
    }
    assertThat(limiter.trackedKeys()).isEqualTo(3);
  }

  @Test
  void unlimitedAllowsEverythingAndKeepsNoState() {
    RateLimiter unlimited = new RateLimiter(RateLimits.UNLIMITED, nanos::get);
    for (int i = 0; i < 1_000; i++) {
      assertThat(unlimited.tryAcquire("k" + i, "p", Long.MAX_VALUE / 2, Long.MAX_VALUE / 2))
          .isEmpty();
    }
    assertThat(unlimited.trackedKeys()).isZero();
  }

  @Test
  void aDisabledDimensionIsNotChecked() {
    RateLimiter eventsOnly =
        new RateLimiter(new RateLimits(new Rate(10, 10), null, 10), nanos::get);
    assertThat(eventsOnly.tryAcquire("k", "p", 10, Long.MAX_VALUE / 2)).isEmpty();
    assertThat(eventsOnly.tryAcquire("k", "p", 1, 0).orElseThrow().limit())
        .isEqualTo("events_per_second");
  }

  @Test
  void aProjectsKeysShareItsProjectBucketsSoMoreKeysDoNotMultiplyItsRate() {
    RateLimiter withProjectLimit =
        new RateLimiter(
            new RateLimits(new Rate(100, 200), null, new Rate(150, 300), null, 10), nanos::get);
    assertThat(withProjectLimit.tryAcquire("key1", "p", 200, 0)).isEmpty();
    RateLimitExceeded exceeded = withProjectLimit.tryAcquire("key2", "p", 101, 0).orElseThrow();
    assertThat(exceeded.limit()).isEqualTo("project_events_per_second");
    assertThat(exceeded.describe()).contains("project_events_per_second", "150 events/s");
    assertThat(withProjectLimit.tryAcquire("key2", "p", 100, 0)).isEmpty();
    assertThat(withProjectLimit.tryAcquire("key3", "other", 200, 0))
        .as("another project has its own bucket")
        .isEmpty();
  }

  @Test
  void aRequestRefusedByItsProjectTakesNothingFromItsKey() {
    RateLimiter withProjectLimit =
        new RateLimiter(
            new RateLimits(new Rate(100, 200), null, new Rate(100, 100), null, 10), nanos::get);
    assertThat(withProjectLimit.tryAcquire("key1", "p", 100, 0)).isEmpty();
    assertThat(withProjectLimit.tryAcquire("key2", "p", 100, 0)).isPresent();
    assertThat(withProjectLimit.tryAcquire("key2", "elsewhere", 100, 0)).isEmpty();
    assertThat(withProjectLimit.tryAcquire("key2", "elsewhere-too", 100, 0))
        .as("key2's own bucket was still full: the refused request took nothing")
        .isEmpty();
  }
}
