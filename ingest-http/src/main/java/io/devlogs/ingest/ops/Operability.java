package io.devlogs.ingest.ops;

import io.devlogs.http.Readiness;
import io.devlogs.ingest.limits.RateLimiter;
import io.devlogs.ingest.limits.RateLimits;
import java.util.Objects;

/**
 * What keeps the service operable besides its routes: per-key rate limits, metrics and readiness.
 *
 * @param rateLimiter refuses requests over a key's rate
 * @param metrics served on {@code /metrics}
 * @param readiness served on {@code /readyz}
 * @param requestLog writes one line per request
 */
public record Operability(
    RateLimiter rateLimiter, IngestMetrics metrics, Readiness readiness, RequestLog requestLog) {
  public Operability {
    Objects.requireNonNull(rateLimiter, "rateLimiter");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(readiness, "readiness");
    Objects.requireNonNull(requestLog, "requestLog");
  }

  /** These limits and readiness, fresh metrics, the request log on its logger. */
  public static Operability of(RateLimits limits, Readiness readiness) {
    return new Operability(
        new RateLimiter(limits), new IngestMetrics(), readiness, new RequestLog());
  }

  /** No rate limits, fresh metrics, always ready. */
  public static Operability unlimited() {
    return of(RateLimits.UNLIMITED, Readiness.none());
  }
}
