package io.devlogs.ingest.limits;

import io.devlogs.settings.Settings;

/**
 * The rates one key may ingest at; a null rate means that dimension is not limited. Each API key
 * has its own buckets; clients that authenticate with a client certificate only share their
 * project's.
 *
 * <p>Settings (0 disables a limit; a burst defaults to twice its rate):
 *
 * <ul>
 *   <li>{@code ingest.rate-limit.events-per-second} (default 50,000) and {@code
 *       ingest.rate-limit.events-burst}
 *   <li>{@code ingest.rate-limit.bytes-per-second} (default 50 MiB) and {@code
 *       ingest.rate-limit.bytes-burst}
 *   <li>{@code ingest.rate-limit.max-keys} (default 100,000): how many keys' buckets are kept
 * </ul>
 *
 * @param events events per second, or null
 * @param bytes bytes of event JSON per second, or null
 * @param maxKeys the most buckets kept in memory at once
 */
public record RateLimits(Rate events, Rate bytes, int maxKeys) {

  public static final long DEFAULT_EVENTS_PER_SECOND = 50_000;
  public static final long DEFAULT_BYTES_PER_SECOND = 50L * 1024 * 1024;
  public static final int DEFAULT_MAX_KEYS = 100_000;

  /** No limit at all (tests, benchmarks). */
  public static final RateLimits UNLIMITED = new RateLimits(null, null, 1);

  public RateLimits {
    if (maxKeys <= 0) {
      throw new IllegalArgumentException("maxKeys must be positive, was " + maxKeys);
    }
  }

  /** The limits from {@code ingest.rate-limit.*} settings. */
  public static RateLimits fromSettings(Settings settings) {
    return new RateLimits(
        rate(settings, "events", DEFAULT_EVENTS_PER_SECOND),
        rate(settings, "bytes", DEFAULT_BYTES_PER_SECOND),
        settings.getInt("ingest.rate-limit.max-keys", DEFAULT_MAX_KEYS));
  }

  private static Rate rate(Settings settings, String unit, long defaultPerSecond) {
    String rateKey = "ingest.rate-limit." + unit + "-per-second";
    String burstKey = "ingest.rate-limit." + unit + "-burst";
    long perSecond = getLong(settings, rateKey, defaultPerSecond);
    if (perSecond == 0) {
      return null;
    }
    long burst = getLong(settings, burstKey, 2 * perSecond);
    try {
      return new Rate(perSecond, burst);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Settings '" + rateKey + "' and '" + burstKey + "': " + e.getMessage(), e);
    }
  }

  private static long getLong(Settings settings, String key, long defaultValue) {
    long value = settings.getLong(key, defaultValue);
    if (value < 0) {
      throw new IllegalArgumentException(
          "Setting '"
              + key
              + "' must be a whole number >= 0 (0 disables the limit) but was "
              + value);
    }
    return value;
  }
}
