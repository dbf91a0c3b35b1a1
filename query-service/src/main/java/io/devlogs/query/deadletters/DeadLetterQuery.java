package io.devlogs.query.deadletters;

import io.devlogs.http.ApiException;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.logs.LogQuery;
import io.devlogs.query.records.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the dead-letter routes read: a time range ({@code from}, {@code to}; the last 7 days by
 * default, 31 at most) and optionally the causes to keep ({@code cause}, repeatable or a comma
 * list).
 */
public record DeadLetterQuery(TimeRange range, List<String> causes) {
  public static final Duration DEFAULT_SPAN = Duration.ofDays(7);
  public static final Duration MAX_SPAN = LogQuery.MAX_SPAN;
  public static final int MAX_CAUSES = 20;

  /** Cause codes are snake_case words; anything else is a typo, not a cause. */
  private static final Pattern CAUSE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  public DeadLetterQuery {
    Objects.requireNonNull(range, "range");
    causes = List.copyOf(causes);
  }

  /**
   * Reads {@code from}, {@code to} and {@code cause}, refusing any parameter that is neither these
   * nor one of {@code extraParameters}; 400 naming the bad parameter.
   */
  public static DeadLetterQuery parse(RequestParams params, Instant now, String... extra) {
    Set<String> known = new HashSet<>(Set.of("from", "to", "cause"));
    known.addAll(List.of(extra));
    params.rejectUnknown(known);
    TimeRange range = params.timeRange(now, DEFAULT_SPAN, MAX_SPAN);
    LogQuery.checkStorable("from", range.from());
    LogQuery.checkStorable("to", range.to());
    List<String> causes = params.list("cause");
    if (causes.size() > MAX_CAUSES) {
      throw ApiException.badParameter("cause", "more than " + MAX_CAUSES + " values");
    }
    for (String cause : causes) {
      if (!CAUSE.matcher(cause).matches()) {
        throw ApiException.badParameter(
            "cause", "not a cause code (snake_case, e.g. unparseable): '" + shorten(cause) + "'");
      }
    }
    return new DeadLetterQuery(range, causes.stream().distinct().toList());
  }

  private static String shorten(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }
}
