package io.devlogs.ingest.ops;

import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.IngestKeys;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@code /readyz} asks its probes.
 *
 * @param timeout how long a probe may take ({@code ingest.readiness-timeout-ms})
 * @param cacheFor how long an answer is reused ({@code ingest.readiness-cache-ms})
 */
public record ReadinessOptions(Duration timeout, Duration cacheFor) {

  public ReadinessOptions {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(cacheFor, "cacheFor");
  }

  public static ReadinessOptions from(Settings settings) {
    return new ReadinessOptions(
        Duration.ofMillis(settings.get(IngestKeys.READINESS_TIMEOUT_MS)),
        Duration.ofMillis(settings.get(IngestKeys.READINESS_CACHE_MS)));
  }
}
