package io.devlogs.ingest.limits;

/**
 * Why a request was refused by {@link RateLimiter}.
 *
 * @param limit which limit: {@code events_per_second} or {@code bytes_per_second}
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
    String unit = limit.startsWith("bytes") ? "bytes" : "events";
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
        + rate.perSecond()
        + " "
        + unit
        + "/s, burst "
        + rate.burst()
        + "), retry after "
        + retryAfterSeconds
        + " s";
  }
}
