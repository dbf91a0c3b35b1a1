package io.devlogs.ingest.limits;

import io.devlogs.settings.Setting;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.IngestKeys;

/**
 * The rates one key may ingest at; a null rate means that dimension is not limited. Each API key
 * has its own buckets; clients that authenticate with a client certificate only share their
 * project's.
 *
 * <p>Settings: {@code ingest.rate-limit.*} in {@link IngestKeys} (0 disables a limit; a burst
 * defaults to twice its rate).
 *
 * @param events events per second, or null
 * @param bytes bytes of event JSON per second, or null
 * @param maxKeys the most buckets kept in memory at once
 */
public record RateLimits(Rate events, Rate bytes, int maxKeys) {

  /** No limit at all (tests, benchmarks). */
  public static final RateLimits UNLIMITED = new RateLimits(null, null, 1);

  public RateLimits {
    if (maxKeys <= 0) {
      throw new IllegalArgumentException("maxKeys must be positive, was " + maxKeys);
    }
  }

  /** The limits from the {@code ingest.rate-limit.*} settings. */
  public static RateLimits from(Settings settings) {
    return new RateLimits(
        rate(settings, IngestKeys.RATE_EVENTS_PER_SECOND, IngestKeys.RATE_EVENTS_BURST),
        rate(settings, IngestKeys.RATE_BYTES_PER_SECOND, IngestKeys.RATE_BYTES_BURST),
        settings.get(IngestKeys.RATE_MAX_KEYS));
  }

  /** The rate, or null when it is 0; the burst defaults to twice the rate. */
  private static Rate rate(Settings settings, Setting<Long> rateKey, Setting<Long> burstKey) {
    long perSecond = settings.get(rateKey);
    if (perSecond == 0) {
      return null;
    }
    long burst = settings.isSet(burstKey) ? settings.get(burstKey) : 2 * perSecond;
    try {
      return new Rate(perSecond, burst);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Settings '" + rateKey.key() + "' and '" + burstKey.key() + "': " + e.getMessage(), e);
    }
  }
}
