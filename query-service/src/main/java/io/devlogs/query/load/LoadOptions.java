package io.devlogs.query.load;

import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.QueryKeys;
import java.time.Duration;
import java.util.Objects;

/**
 * How the query service holds a crowd: a front door (requests in the process at once, the listen
 * backlog), rate limits per project and per key, a bound on concurrent store queries with a short
 * queue, and the cache of identical read results. Settings: {@code query.max-in-flight-requests},
 * {@code query.accept-queue}, {@code query.rate-limit.*}, {@code
 * query.max-concurrent-store-queries}, {@code query.store-queue*}, {@code query.cache*} in {@link
 * QueryKeys}.
 *
 * @param maxInFlightRequests requests in the process at once (the {@link FrontDoor})
 * @param acceptQueue the listen backlog; 0: Jetty's
 * @param projectPerMinute requests per minute of a project's keys together; 0: no limit
 * @param keyPerMinute requests per minute of one key; 0: no limit
 * @param maxConcurrentStoreQueries store queries running at once
 * @param storeQueue requests that may wait for a slot
 * @param storeQueueTimeout how long one waits
 * @param cache where results are cached and for how long
 */
public record LoadOptions(
    int maxInFlightRequests,
    int acceptQueue,
    int projectPerMinute,
    int keyPerMinute,
    int maxConcurrentStoreQueries,
    int storeQueue,
    Duration storeQueueTimeout,
    CacheOptions cache) {

  public LoadOptions {
    Objects.requireNonNull(storeQueueTimeout, "storeQueueTimeout");
    Objects.requireNonNull(cache, "cache");
  }

  /** Where identical results are kept: {@code none}, {@code local} or {@code redis}. */
  public record CacheOptions(
      String kind,
      String redisUrl,
      Duration liveTtl,
      Duration windowsTtl,
      Duration pastTtl,
      Duration stale,
      long localMaxBytes) {}

  public static LoadOptions from(Settings settings) {
    return new LoadOptions(
        settings.get(QueryKeys.MAX_IN_FLIGHT_REQUESTS),
        settings.get(QueryKeys.ACCEPT_QUEUE),
        settings.get(QueryKeys.RATE_PROJECT_PER_MINUTE),
        settings.get(QueryKeys.RATE_KEY_PER_MINUTE),
        settings.get(QueryKeys.MAX_CONCURRENT_STORE_QUERIES),
        settings.get(QueryKeys.STORE_QUEUE),
        Duration.ofMillis(settings.get(QueryKeys.STORE_QUEUE_TIMEOUT_MS)),
        new CacheOptions(
            settings.get(QueryKeys.CACHE),
            settings.get(QueryKeys.CACHE_REDIS_URL),
            Duration.ofSeconds(settings.get(QueryKeys.CACHE_LIVE_TTL_SECONDS)),
            Duration.ofSeconds(settings.get(QueryKeys.CACHE_WINDOWS_TTL_SECONDS)),
            Duration.ofSeconds(settings.get(QueryKeys.CACHE_PAST_TTL_SECONDS)),
            Duration.ofSeconds(settings.get(QueryKeys.CACHE_STALE_SECONDS)),
            settings.get(QueryKeys.CACHE_LOCAL_MAX_BYTES)));
  }
}
