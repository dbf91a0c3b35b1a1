package io.devlogs.query.load;

import io.devlogs.query.ops.QueryMetrics;
import io.devlogs.query.ops.Rejection;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What keeps the query service answering under a crowd, applied by {@code QueryServer.createApp} in
 * this order: the {@link FrontDoor} (503 beyond the requests in flight, before any other work), the
 * {@link QueryRateLimiter} (429), the {@link CachedRoute} of the read routes (hits skip the rest),
 * the {@link StoreGate} (503 beyond its queue), then the route.
 */
public record QueryLoad(
    FrontDoor frontDoor, QueryRateLimiter rateLimiter, StoreGate storeGate, CachedRoute cache) {

  public QueryLoad {
    Objects.requireNonNull(frontDoor, "frontDoor");
    Objects.requireNonNull(rateLimiter, "rateLimiter");
    Objects.requireNonNull(storeGate, "storeGate");
    Objects.requireNonNull(cache, "cache");
  }

  /** These limits and cache behind an {@link FrontDoor#open} front door (tests). */
  public QueryLoad(QueryRateLimiter rateLimiter, StoreGate storeGate, CachedRoute cache) {
    this(FrontDoor.open(), rateLimiter, storeGate, cache);
  }

  /** No limits and no cache (tests of other things). */
  public static QueryLoad unlimited(Clock clock) {
    return new QueryLoad(
        QueryRateLimiter.unlimited(),
        StoreGate.unbounded(),
        new CachedRoute(
            ResultCache.NONE,
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ZERO,
            clock,
            hit -> {}));
  }

  /** The limits and cache of these options, over {@code cache}, counted in {@code metrics}. */
  public static QueryLoad of(
      LoadOptions options, ResultCache cache, Clock clock, QueryMetrics metrics) {
    return new QueryLoad(
        new FrontDoor(
            options.maxInFlightRequests(),
            options.acceptQueue(),
            () -> metrics.rejected(Rejection.FRONT_DOOR)),
        new QueryRateLimiter(
            options.projectPerMinute(),
            options.keyPerMinute(),
            System::nanoTime,
            metrics::rejected),
        new StoreGate(
            options.maxConcurrentStoreQueries(),
            options.storeQueue(),
            options.storeQueueTimeout(),
            () -> metrics.rejected(Rejection.OVERLOADED)),
        new CachedRoute(
            cache,
            options.cache().liveTtl(),
            options.cache().windowsTtl(),
            options.cache().pastTtl(),
            options.cache().stale(),
            clock,
            hit -> {
              if (hit) {
                metrics.cacheHit();
              } else {
                metrics.cacheMiss();
              }
            }));
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
