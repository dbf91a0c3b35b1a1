package io.devlogs.ingest.logs;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.devlogs.ingest.kafka.EventBatch;
import io.devlogs.ingest.limits.RateLimitExceeded;
import io.devlogs.ingest.limits.RateLimiter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Step 3 of a push: the caller's rates. Takes the batch's events and bytes from the caller's and
 * its project's buckets, or answers 429 with {@code Retry-After} naming the limit, and 413 if the
 * batch alone is larger than the limit's burst.
 */
public final class PushRateLimit {

  private final RateLimiter rateLimiter;

  public PushRateLimit(RateLimiter rateLimiter) {
    this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
  }

  /**
   * Lets the batch pass, or throws.
   *
   * @throws ApiException 429 or 413 as described above
   */
  public void acquire(Caller caller, EventBatch batch) {
    rateLimiter
        .tryAcquire(
            caller.rateLimitBucket(), caller.projectId(), batch.events().size(), batch.totalBytes())
        .ifPresent(
            exceeded -> {
              throw rateLimited(exceeded);
            });
  }

  private static ApiException rateLimited(RateLimitExceeded exceeded) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("limit", exceeded.limit());
    detail.put("perSecond", exceeded.rate().amount());
    detail.put("burst", exceeded.rate().burst());
    detail.put("requested", exceeded.cost());
    if (exceeded.exceedsBurst()) {
      return new ApiException(ErrorCode.TOO_LARGE, exceeded.describe(), detail);
    }
    detail.put("retryAfterSeconds", exceeded.retryAfterSeconds());
    return new ApiException(
        ErrorCode.RATE_LIMITED,
        exceeded.describe(),
        detail,
        Map.of("Retry-After", Long.toString(exceeded.retryAfterSeconds())));
  }
}
