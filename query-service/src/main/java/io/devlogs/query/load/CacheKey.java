package io.devlogs.query.load;

import io.devlogs.http.ApiException;
import io.devlogs.query.http.RequestParams;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What makes two read requests identical for the cache: the route, every query parameter in name
 * order, and the time range. A live range, one ending less than {@link #LIVE_SLACK} (or a bucket,
 * if longer) before now or later (a missing {@code to} is now), is keyed by its span (to minus
 * from, in buckets, rounded); any other by the buckets of {@code from} and {@code to}. The
 * dashboard turns "last hour" into absolute times when a refresh starts, and under load its
 * requests arrive seconds later: they still share one entry. A live answer is at most its TTL older
 * than the request, and may hold events up to the slack newer than its {@code to} (pages go by
 * cursor, not by {@code to}). The project is not part of the text: {@link ResultCache} keys by
 * project and key together.
 *
 * @param text the normalised request
 * @param live whether the range is live (then only the short TTL applies)
 */
public record CacheKey(String text, boolean live) {

  /** How long before now a range may end and still be live. */
  static final Duration LIVE_SLACK = Duration.ofSeconds(5);

  /**
   * The key of a request, or empty when its {@code from} or {@code to} cannot be read (the route
   * answers 400 itself).
   */
  public static Optional<CacheKey> of(
      String path, Map<String, List<String>> params, Instant now, Duration bucket) {
    RequestParams reader = new RequestParams(params);
    Instant to;
    Optional<Instant> from;
    try {
      to = reader.instant("to").orElse(now);
      from = reader.instant("from");
    } catch (ApiException e) {
      return Optional.empty();
    }
    long bucketMillis = bucket.toMillis();
    StringBuilder text = new StringBuilder(path).append('?');
    for (Map.Entry<String, List<String>> param : new TreeMap<>(params).entrySet()) {
      String name = param.getKey();
      if (name.equals("from") || name.equals("to")) {
        continue;
      }
      for (String value : param.getValue()) {
        text.append(escape(name)).append('=').append(escape(value)).append('&');
      }
    }
    boolean live = !to.isBefore(now.minus(liveBound(bucket)));
    if (live) {
      // Keyed by the span asked for, not by absolute buckets or the distance from the server's
      // clock: every "last hour" within the TTL shares one entry however late its request arrived,
      // and entries expire when each was stored, not all at a bucket's turn (at 1,000 users that
      // turn made 500 store queries at once, half refused with 503).
      text.append("live");
      from.ifPresent(
          f ->
              text.append("&span@")
                  .append(
                      Math.round(
                          Duration.between(f, to.isAfter(now) ? now : to).toMillis()
                              / (double) bucketMillis)));
    } else {
      text.append("to@").append(Math.floorDiv(to.toEpochMilli(), bucketMillis));
      from.ifPresent(
          f -> text.append("&from@").append(Math.floorDiv(f.toEpochMilli(), bucketMillis)));
    }
    return Optional.of(new CacheKey(text.toString(), live));
  }

  /** How long before now a live range may end: the slack, or the bucket if that is longer. */
  private static Duration liveBound(Duration bucket) {
    return bucket.compareTo(LIVE_SLACK) > 0 ? bucket : LIVE_SLACK;
  }

  private static String escape(String text) {
    return text.replace("%", "%25").replace("&", "%26").replace("=", "%3D");
  }
}
