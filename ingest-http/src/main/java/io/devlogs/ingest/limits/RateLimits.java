package io.devlogs.ingest.limits;

import io.devlogs.limits.Rate;
import io.devlogs.settings.Setting;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.IngestKeys;

/**
 * The rates one key, and all keys of one project together, may ingest at; a null rate means that
 * dimension is not limited. Each API key has its own buckets; clients that authenticate with a
 * client certificate only share their project's; every request also draws from its project's
 * buckets, so minting keys does not multiply a project's rate.
 *
 * <p>Settings: {@code ingest.rate-limit.*} in {@link IngestKeys} (0 disables a limit; a burst
 * defaults to twice its rate).
 *
 * @param events events per second, or null
 * @param bytes bytes of event JSON per second, or null
 * @param projectEvents events per second of all the project's keys together, or null
 * @param projectBytes bytes per second of all the project's keys together, or null
 * @param maxKeys the most buckets kept in memory at once
 */
public record RateLimits(
    Rate events, Rate bytes, Rate projectEvents, Rate projectBytes, int maxKeys) {

  /** No limit at all (tests, benchmarks). */
  public static final RateLimits UNLIMITED = new RateLimits(null, null, null, null, 1);

  public RateLimits {
    if (maxKeys <= 0) {
      throw new IllegalArgumentException("maxKeys must be positive, was " + maxKeys);
    }
  }

  /** Per-key rates only, no project-wide ones (tests). */
  public RateLimits(Rate events, Rate bytes, int maxKeys) {
    this(events, bytes, null, null, maxKeys);
  }

  /** The limits from the {@code ingest.rate-limit.*} settings. */
  public static RateLimits from(Settings settings) {
    return new RateLimits(
        rate(settings, IngestKeys.RATE_EVENTS_PER_SECOND, IngestKeys.RATE_EVENTS_BURST),
        rate(settings, IngestKeys.RATE_BYTES_PER_SECOND, IngestKeys.RATE_BYTES_BURST),
        rate(settings, IngestKeys.RATE_PROJECT_EVENTS_PER_SECOND, null),
        rate(settings, IngestKeys.RATE_PROJECT_BYTES_PER_SECOND, null),
        settings.get(IngestKeys.RATE_MAX_KEYS));
  }

  /** The rate, or null when it is 0; the burst (if any setting) defaults to twice the rate. */
  private static Rate rate(Settings settings, Setting<Long> rateKey, Setting<Long> burstKey) {
    long perSecond = settings.get(rateKey);
    if (perSecond == 0) {
      return null;
    }
    long burst =
        burstKey != null && settings.isSet(burstKey) ? settings.get(burstKey) : 2 * perSecond;
    try {
      return new Rate(perSecond, burst);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Settings '" + rateKey.key() + "' and '" + burstKey.key() + "': " + e.getMessage(), e);
    }
  }
}
