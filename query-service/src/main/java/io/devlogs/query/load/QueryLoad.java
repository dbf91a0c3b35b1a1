package io.devlogs.query.load;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What keeps the query service answering under a crowd, applied by {@code QueryServer.createApp} in
 * this order: the {@link QueryRateLimiter} (429), the {@link CachedRoute} of the read routes (hits
 * skip the rest), the {@link StoreGate} (503 beyond its queue), then the route.
 */
public record QueryLoad(QueryRateLimiter rateLimiter, StoreGate storeGate, CachedRoute cache) {

  public QueryLoad {
    Objects.requireNonNull(rateLimiter, "rateLimiter");
    Objects.requireNonNull(storeGate, "storeGate");
    Objects.requireNonNull(cache, "cache");
  }

  /** No limits and no cache (tests of other things). */
  public static QueryLoad unlimited(Clock clock) {
    return new QueryLoad(
        QueryRateLimiter.unlimited(),
        StoreGate.unbounded(),
        new CachedRoute(
            ResultCache.NONE, Duration.ofSeconds(1), Duration.ofSeconds(1), clock, hit -> {}));
  }

  /** The limits and cache of these options, over {@code cache}. */
  public static QueryLoad of(LoadOptions options, ResultCache cache, Clock clock) {
    return new QueryLoad(
        new QueryRateLimiter(options.projectPerMinute(), options.keyPerMinute()),
        new StoreGate(
            options.maxConcurrentStoreQueries(), options.storeQueue(), options.storeQueueTimeout()),
        // TODO(coordinator): once QueryMetrics (metrics branch) lands, count cache hits and misses
        // here (the onLookup callback), and rate-limit (429) and store-gate (503 overloaded)
        // rejections where QueryRateLimiter.check and StoreGate.overloaded build them.
        new CachedRoute(
            cache, options.cache().liveTtl(), options.cache().pastTtl(), clock, hit -> {}));
  }

  /** The cache the options name: none, in this process, or the shared Redis. */
  public static ResultCache cacheOf(LoadOptions.CacheOptions options) {
    return switch (options.kind()) {
      case "none" -> ResultCache.NONE;
      case "redis" -> new RedisResultCache(options.redisUrl());
      default -> new LocalResultCache(options.localMaxBytes());
    };
  }
}
