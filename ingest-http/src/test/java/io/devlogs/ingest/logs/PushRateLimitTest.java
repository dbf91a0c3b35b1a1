package io.devlogs.ingest.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.http.ApiException;
import io.devlogs.ingest.kafka.EventBatch;
import io.devlogs.ingest.limits.RateLimiter;
import io.devlogs.ingest.limits.RateLimits;
import io.devlogs.limits.Rate;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.Scope;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PushRateLimitTest {

  private final AtomicLong nanos = new AtomicLong();
  private final PushRateLimit rateLimit =
      new PushRateLimit(new RateLimiter(new RateLimits(new Rate(5, 10), null, 100), nanos::get));
  private final Caller caller = new Caller(new ProjectKey("p_a", Scope.INGEST), "key:a");

  private static EventBatch events(int n) {
    return new EventBatch("p_a", 0, null, null, Collections.nCopies(n, new byte[] {'{', '}'}));
  }

  @Test
  void aBatchWithinTheBurstPassesAndTheNextIs429WithRetryAfter() {
    rateLimit.acquire(caller, events(10));
    assertThatThrownBy(() -> rateLimit.acquire(caller, events(1)))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.headers()).containsEntry("Retry-After", "1");
              assertThat(e.body().detail())
                  .hasToString(
                      "{limit=events_per_second, perSecond=5, burst=10, requested=1,"
                          + " retryAfterSeconds=1}");
            });
  }

  @Test
  void otherCallersHaveTheirOwnBuckets() {
    rateLimit.acquire(caller, events(10));
    rateLimit.acquire(new Caller(new ProjectKey("p_a", Scope.INGEST), "key:b"), events(10));
  }

  @Test
  void aBatchLargerThanTheBurstIs413() {
    assertThatThrownBy(() -> rateLimit.acquire(caller, events(11)))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(413);
              assertThat(e.headers()).doesNotContainKey("Retry-After");
            });
  }
}
