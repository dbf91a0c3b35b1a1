package io.devlogs.query.load;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.devlogs.limits.KeyedBuckets;
import io.devlogs.limits.Rate;
import io.devlogs.query.ops.Rejection;
import io.devlogs.settings.keys.QueryKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Requests per minute per project and per key, in token buckets of this instance: a request takes
 * one token from its key's bucket and one from its project's, or neither, and is answered 429 with
 * {@code Retry-After} naming the limit it exceeds. Thread-safe; requests of different keys and
 * projects do not wait on each other.
 */
public final class QueryRateLimiter {

  /** Buckets kept per limit; the least recently used are dropped (they would be full anyway). */
  static final int MAX_TRACKED = 100_000;

  private final KeyedBuckets projects;
  private final KeyedBuckets keys;
  private final LongSupplier nanoTime;
  private final Consumer<Rejection> onRejection;

  /**
   * @param projectPerMinute requests per minute per project, 0 for no limit
   * @param keyPerMinute requests per minute per key, 0 for no limit
   * @param onRejection told of every refused request (metrics)
   */
  public QueryRateLimiter(
      int projectPerMinute,
      int keyPerMinute,
      LongSupplier nanoTime,
      Consumer<Rejection> onRejection) {
    this.projects = buckets(projectPerMinute);
    this.keys = buckets(keyPerMinute);
    this.nanoTime = nanoTime;
    this.onRejection = onRejection;
  }

  public QueryRateLimiter(int projectPerMinute, int keyPerMinute, LongSupplier nanoTime) {
    this(projectPerMinute, keyPerMinute, nanoTime, rejection -> {});
  }

  public QueryRateLimiter(int projectPerMinute, int keyPerMinute) {
    this(projectPerMinute, keyPerMinute, System::nanoTime);
  }

  /** No limit at all. */
  public static QueryRateLimiter unlimited() {
    return new QueryRateLimiter(0, 0);
  }

  private static KeyedBuckets buckets(int perMinute) {
    return perMinute == 0 ? null : new KeyedBuckets(Rate.perMinute(perMinute), MAX_TRACKED);
  }

  /**
   * Takes a token for this request from its key's bucket and its project's, or from neither.
   *
   * @param keyId identifies the API key (a hash, never the key)
   * @throws ApiException 429 {@code rate_limited} naming the limit, with {@code Retry-After}
   */
  public void acquire(String keyId, String projectId) {
    List<KeyedBuckets.Claim> claims = new ArrayList<>(2);
    if (keys != null) {
      claims.add(new KeyedBuckets.Claim(keys, keyId, 1));
    }
    if (projects != null) {
      claims.add(new KeyedBuckets.Claim(projects, projectId, 1));
    }
    Optional<KeyedBuckets.Refusal> refusal = KeyedBuckets.takeAll(claims, nanoTime.getAsLong());
    if (refusal.isPresent()) {
      KeyedBuckets limit = claims.get(refusal.get().claim()).buckets();
      Rejection reason = limit == keys ? Rejection.KEY_RATE : Rejection.PROJECT_RATE;
      throw refused(limit, reason, refusal.get().waitNanos());
    }
  }

  private ApiException refused(KeyedBuckets buckets, Rejection reason, long wait) {
    onRejection.accept(reason);
    String setting =
        (reason == Rejection.KEY_RATE
                ? QueryKeys.RATE_KEY_PER_MINUTE
                : QueryKeys.RATE_PROJECT_PER_MINUTE)
            .key();
    long retryAfter = KeyedBuckets.retryAfterSeconds(wait);
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("limit", setting);
    detail.put("perMinute", buckets.rate().amount());
    detail.put("retryAfterSeconds", retryAfter);
    return new ApiException(
        ErrorCode.RATE_LIMITED,
        "rate limit exceeded: "
            + buckets.rate().amount()
            + " requests per minute for "
            + (reason == Rejection.KEY_RATE ? "this key" : "this project")
            + " ("
            + setting
            + "), retry after "
            + retryAfter
            + " s",
        detail,
        Map.of("Retry-After", Long.toString(retryAfter)));
  }
}
