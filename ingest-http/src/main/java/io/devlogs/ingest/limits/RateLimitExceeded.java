package io.devlogs.ingest.limits;

import io.devlogs.limits.Rate;

/**
 * Why a request was refused by {@link RateLimiter}.
 *
 * @param limit which limit: {@code events_per_second}, {@code bytes_per_second} (per key), {@code
 *     project_events_per_second} or {@code project_bytes_per_second} (all keys of the project)
 * @param rate that limit's rate and burst
 * @param cost what the request needed of it
 * @param retryAfterSeconds whole seconds until the key has enough tokens, at least 1; 0 when the
 *     request needs more than the burst and can never pass ({@link #exceedsBurst()})
 */
public record RateLimitExceeded(String limit, Rate rate, long cost, long retryAfterSeconds) {

  /** True if the request alone needs more than the burst: only a smaller request can pass. */
  public boolean exceedsBurst() {
    return cost > rate.burst();
  }

  /** A sentence for the client naming the limit. */
  public String describe() {
    String unit = limit.contains("bytes") ? "bytes" : "events";
    if (exceedsBurst()) {
      return "request has "
          + cost
          + " "
          + unit
          + ", more than the "
          + limit
          + " burst of "
          + rate.burst()
          + ": send smaller requests";
    }
    return "rate limit exceeded: "
        + limit
        + " (limit "
        + rate.amount()
        + " "
        + unit
        + "/s, burst "
        + rate.burst()
        + "), retry after "
        + retryAfterSeconds
        + " s";
  }
}
