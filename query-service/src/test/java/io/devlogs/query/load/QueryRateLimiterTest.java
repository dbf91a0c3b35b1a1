package io.devlogs.query.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.http.ApiException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Requests per minute per project and per key, with a fake clock. */
class QueryRateLimiterTest {

  private final AtomicLong nanos = new AtomicLong(1_000);

  @Test
  void aProjectsKeysShareItsMinuteAndTheNextRequestIs429NamingTheLimit() {
    QueryRateLimiter limiter = new QueryRateLimiter(6, 0, nanos::get);
    for (int i = 0; i < 6; i++) {
      limiter.acquire("key-" + i, "p_a");
    }
    assertThatThrownBy(() -> limiter.acquire("key-new", "p_a"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(429);
              assertThat(e.error()).isEqualTo("rate_limited");
              // 6 a minute: one token every 10 s.
              assertThat(e.headers()).containsEntry("Retry-After", "10");
              assertThat(e.body().detail())
                  .hasToString(
                      "{limit=query.rate-limit.project-per-minute, perMinute=6,"
                          + " retryAfterSeconds=10}");
              assertThat(e.getMessage()).contains("6 requests per minute for this project");
            });
    limiter.acquire("key-0", "p_b");
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(10));
    limiter.acquire("key-new", "p_a");
  }

  @Test
  void aKeyIsLimitedBelowItsProjectAndARefusedRequestCostsNothing() {
    QueryRateLimiter limiter = new QueryRateLimiter(3, 2, nanos::get);
    limiter.acquire("k1", "p_a");
    limiter.acquire("k1", "p_a");
    assertThatThrownBy(() -> limiter.acquire("k1", "p_a"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("for this key", "query.rate-limit.key-per-minute"));
    limiter.acquire("k2", "p_a");
    assertThatThrownBy(() -> limiter.acquire("k2", "p_a"))
        .hasMessageContaining("query.rate-limit.project-per-minute");
  }

  @Test
  void zeroDisablesBothLimits() {
    QueryRateLimiter limiter = QueryRateLimiter.unlimited();
    for (int i = 0; i < 10_000; i++) {
      limiter.acquire("k", "p");
    }
  }
}
