package io.devlogs.query.loki;

import io.devlogs.http.ApiException;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.logql.LogqlSql;
import io.devlogs.query.logql.LogqlSql.Direction;
import io.devlogs.query.logs.LogQuery;
import io.devlogs.query.records.TimeRange;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of Loki's read API, read as Loki reads them ({@code pkg/loghttp}): times as Unix
 * seconds (up to 10 digits), Unix nanoseconds, float seconds or RFC 3339; {@code since} and {@code
 * step} as a duration ({@code 1h30m}, {@code 500ms}, {@code 2d}) or float seconds; {@code limit}
 * and {@code direction}. A POST's form fields count as parameters. Every problem is a 400 naming
 * the parameter. Pure apart from reading the request.
 */
public final class LokiParams {
  /** Loki's default span when neither {@code start} nor {@code since} is given. */
  public static final Duration DEFAULT_SINCE = Duration.ofHours(1);

  /** Loki's default {@code limit} of a log query. */
  public static final int DEFAULT_LIMIT = 100;

  /** Loki's default {@code max_entries_limit_per_query}. */
  public static final int MAX_LIMIT = 5000;

  private static final Pattern DURATION =
      Pattern.compile(
          "(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?"
              + "(?:([0-9]+)s)?(?:([0-9]+)ms)?(?:([0-9]+)us)?(?:([0-9]+)ns)?");
  private static final long[] UNIT_NANOS = {
    365L * 24 * 3600 * 1_000_000_000L,
    7L * 24 * 3600 * 1_000_000_000L,
    24L * 3600 * 1_000_000_000L,
    3600L * 1_000_000_000L,
    60L * 1_000_000_000L,
    1_000_000_000L,
    1_000_000L,
    1_000L,
    1L
  };
  private static final Pattern DIGITS = Pattern.compile("-?[0-9]+");
  private static final Pattern FLOAT = Pattern.compile("-?[0-9]*\\.[0-9]+|-?[0-9]+\\.[0-9]*");

  private final Map<String, List<String>> raw;
  private final RequestParams params;

  public LokiParams(Map<String, List<String>> params) {
    this.raw = Map.copyOf(params);
    this.params = new RequestParams(params);
  }

  /** The query string's parameters and, for a form POST, the body's fields. */
  public static LokiParams of(Context ctx) {
    Map<String, List<String>> all = new LinkedHashMap<>(ctx.queryParamMap());
    String type = ctx.contentType();
    if ("POST".equals(ctx.method().name())
        && type != null
        && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      ctx.formParamMap()
          .forEach(
              (name, values) ->
                  all.merge(
                      name,
                      values,
                      (a, b) -> {
                        List<String> both = new ArrayList<>(a);
                        both.addAll(b);
                        return both;
                      }));
    }
    return new LokiParams(all);
  }

  /** A required parameter (the LogQL query). */
  public String required(String name) {
    return params
        .singleRaw(name)
        .filter(v -> !v.isBlank())
        .orElseThrow(() -> ApiException.badParameter(name, "required"));
  }

  public Optional<String> optional(String name) {
    return params.single(name);
  }

  /** Every value of a repeatable parameter such as {@code match[]}, as sent. */
  public List<String> all(String name) {
    return raw.getOrDefault(name, List.of());
  }

  /**
   * {@code [start, end)}: {@code end} defaults to now, {@code start} to {@code end - since} ({@code
   * since} defaults to 1 h); at most {@link LogQuery#MAX_SPAN}.
   */
  public TimeRange range(Instant now) {
    Instant end = time("end").orElse(now);
    Duration since = optional("since").map(v -> duration("since", v)).orElse(DEFAULT_SINCE);
    Instant start = time("start").orElse(end.minus(since));
    if (!end.isAfter(start)) {
      throw ApiException.badParameter(
          "end", "end timestamp must not be before or equal to start time");
    }
    if (Duration.between(start, end).compareTo(LogQuery.MAX_SPAN) > 0) {
      throw ApiException.badParameter(
          "start",
          "the query time range exceeds the limit (query length: "
              + Duration.between(start, end)
              + ", limit: "
              + LogQuery.MAX_SPAN
              + ")");
    }
    return new TimeRange(start, end);
  }

  /** {@code time} of an instant query, now by default. */
  public Instant instant(Instant now) {
    return time("time").orElse(now);
  }

  /** A time parameter in any of Loki's forms, between 1970 and 2100. */
  public Optional<Instant> time(String name) {
    Optional<Instant> time = optional(name).map(value -> parseTime(name, value));
    time.ifPresent(t -> LogQuery.checkStorable(name, t));
    return time;
  }

  /**
   * {@code step} in nanoseconds (whole milliseconds at least, as Loki); by default the span / 250
   * in whole seconds, at least 1 s. At most {@link LogqlSql#MAX_STEPS} points.
   */
  public long stepNanos(TimeRange range) {
    long span = range.length().toNanos();
    long step =
        optional("step")
            .map(v -> duration("step", v).toNanos())
            .orElse(Math.max(span / 250 / 1_000_000_000L, 1) * 1_000_000_000L);
    if (step <= 0) {
      throw ApiException.badParameter(
          "step",
          "zero or negative query resolution step widths are not accepted. Try a positive"
              + " integer");
    }
    if (span / step + 1 > LogqlSql.MAX_STEPS) {
      throw ApiException.badParameter(
          "step",
          "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query"
              + " resolution (?step=XX)");
    }
    return step;
  }

  /** {@code limit}: a positive integer, {@link #DEFAULT_LIMIT} by default, at most 5000. */
  public int limit() {
    return limit(DEFAULT_LIMIT);
  }

  /** {@code limit}: a positive integer, {@code defaultLimit} by default, at most 5000. */
  public int limit(int defaultLimit) {
    Optional<String> value = optional("limit");
    if (value.isEmpty()) {
      return defaultLimit;
    }
    long limit;
    try {
      limit = Long.parseLong(value.get());
    } catch (NumberFormatException e) {
      throw ApiException.badParameter("limit", "not an integer: '" + abbreviate(value.get()) + "'");
    }
    if (limit <= 0) {
      throw ApiException.badParameter("limit", "limit must be a positive value");
    }
    if (limit > MAX_LIMIT) {
      throw ApiException.badParameter(
          "limit",
          "max entries limit per query exceeded, limit > max_entries_limit ("
              + limit
              + " > "
              + MAX_LIMIT
              + ")");
    }
    return (int) limit;
  }

  /** {@code direction}: {@code backward} (newest first, the default) or {@code forward}. */
  public Direction direction() {
    Optional<String> value = optional("direction");
    if (value.isEmpty()) {
      return Direction.BACKWARD;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "backward" -> Direction.BACKWARD;
      case "forward" -> Direction.FORWARD;
      default ->
          throw ApiException.badParameter(
              "direction",
              "invalid direction '" + abbreviate(value.get()) + "': use forward or backward");
    };
  }

  /** Loki's {@code parseTimestamp}: float seconds, Unix seconds or nanoseconds, or RFC 3339. */
  static Instant parseTime(String name, String value) {
    try {
      if (FLOAT.matcher(value).matches()) {
        BigDecimal seconds = new BigDecimal(value);
        BigDecimal whole = new BigDecimal(seconds.toBigInteger());
        // Loki rounds the fraction to milliseconds.
        long millis =
            seconds
                .subtract(whole)
                .movePointRight(3)
                .setScale(0, java.math.RoundingMode.HALF_EVEN)
                .longValueExact();
        return Instant.ofEpochSecond(whole.longValueExact()).plusMillis(millis);
      }
      if (DIGITS.matcher(value).matches()) {
        long number = Long.parseLong(value);
        return value.replace("-", "").length() <= 10
            ? Instant.ofEpochSecond(number)
            : Instant.ofEpochSecond(
                Math.floorDiv(number, 1_000_000_000L), Math.floorMod(number, 1_000_000_000L));
      }
      return OffsetDateTime.parse(value.replace(' ', '+')).toInstant();
    } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
      throw ApiException.badParameter(
          name,
          "cannot parse \""
              + abbreviate(value)
              + "\" to a valid timestamp: use Unix seconds or nanoseconds, or RFC 3339");
    }
  }

  /** Float seconds ({@code 15}, {@code 0.5}) or a duration ({@code 1m30s}, {@code 1500ms}). */
  static Duration duration(String name, String value) {
    try {
      if (DIGITS.matcher(value).matches() || FLOAT.matcher(value).matches()) {
        BigDecimal nanos = new BigDecimal(value).movePointRight(9);
        return Duration.ofNanos(
            nanos.setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact());
      }
    } catch (ArithmeticException e) {
      throw ApiException.badParameter(name, "out of range: '" + abbreviate(value) + "'");
    }
    Matcher m = DURATION.matcher(value);
    if (value.isEmpty() || !m.matches()) {
      throw ApiException.badParameter(
          name,
          "cannot parse \""
              + abbreviate(value)
              + "\" to a valid duration: use seconds (15, 0.5) or a duration (1m30s, 500ms, 2d)");
    }
    long nanos = 0;
    try {
      for (int i = 0; i < UNIT_NANOS.length; i++) {
        if (m.group(i + 1) != null) {
          nanos =
              Math.addExact(
                  nanos, Math.multiplyExact(Long.parseLong(m.group(i + 1)), UNIT_NANOS[i]));
        }
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw ApiException.badParameter(name, "out of range: '" + abbreviate(value) + "'");
    }
    return Duration.ofNanos(nanos);
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }
}
