package io.devlogs.settings;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a setting's text becomes a value: a name for messages and the README, and a parser that
 * throws {@link IllegalArgumentException} with what is wrong (the caller adds the key and how to
 * set it).
 */
public record ValueType<T>(String name, String example, Function<String, T> parser) {

  public static final ValueType<String> TEXT = new ValueType<>("text", "value", s -> s);

  /** A duration such as {@code 500ms}, {@code 10s}, {@code 1min}, {@code 2h} or {@code 1d}. */
  public static final ValueType<Duration> DURATION =
      new ValueType<>("duration", "10s", ValueType::parseDuration);

  public static final ValueType<Boolean> BOOLEAN =
      new ValueType<>(
          "boolean",
          "true",
          s -> {
            String value = s.trim().toLowerCase(Locale.ROOT);
            if (value.equals("true") || value.equals("false")) {
              return Boolean.valueOf(value);
            }
            throw new IllegalArgumentException("must be true or false");
          });

  /** An integer in {@code [min, max]}. */
  public static ValueType<Integer> integer(int min, int max) {
    return new ValueType<>(
        range("integer", min, max, Integer.MIN_VALUE, Integer.MAX_VALUE),
        String.valueOf(Math.max(min, 1)),
        s -> (int) parseLong(s, min, max));
  }

  /** A long integer in {@code [min, max]}. */
  public static ValueType<Long> longInteger(long min, long max) {
    return new ValueType<>(
        range("integer", min, max, Long.MIN_VALUE, Long.MAX_VALUE),
        String.valueOf(Math.max(min, 1)),
        s -> parseLong(s, min, max));
  }

  /** One of these words (lower case). */
  public static ValueType<String> oneOf(String... values) {
    List<String> allowed = List.of(values);
    return new ValueType<>(
        String.join("|", allowed),
        allowed.get(0),
        s -> {
          String value = s.trim().toLowerCase(Locale.ROOT);
          if (!allowed.contains(value)) {
            throw new IllegalArgumentException("must be one of " + String.join(", ", allowed));
          }
          return value;
        });
  }

  /** A TCP port, 1 to 65535. */
  public static final ValueType<Integer> PORT =
      new ValueType<>("port (1..65535)", "8080", s -> (int) parseLong(s, 1, 65535));

  T parse(String text) {
    return parser.apply(text);
  }

  private static String range(String name, long min, long max, long typeMin, long typeMax) {
    if (min == typeMin && max == typeMax) {
      return name;
    }
    if (max == typeMax) {
      return name + " >= " + min;
    }
    return name + " (" + min + ".." + max + ")";
  }

  private static long parseLong(String text, long min, long max) {
    long value;
    try {
      value = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be an integer", e);
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          max == Long.MAX_VALUE || max == Integer.MAX_VALUE
              ? "must be at least " + min
              : "must be between " + min + " and " + max);
    }
    return value;
  }

  private static final Pattern DURATION_TEXT = Pattern.compile("(\\d+)\\s*([a-zµ]*)");

  /** The unit names Flink's own duration options accept, so both read the same text. */
  private static Duration parseDuration(String text) {
    Matcher m = DURATION_TEXT.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("must be a duration such as 500ms, 10s, 1min or 2h");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ns", "nano", "nanos", "nanosecond", "nanoseconds" -> Duration.ofNanos(amount);
      case "us", "µs", "micro", "micros", "microsecond", "microseconds" ->
          Duration.ofNanos(Math.multiplyExact(amount, 1000L));
      case "ms", "milli", "millis", "millisecond", "milliseconds", "" -> Duration.ofMillis(amount);
      case "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(amount);
      case "m", "min", "mins", "minute", "minutes" -> Duration.ofMinutes(amount);
      case "h", "hour", "hours" -> Duration.ofHours(amount);
      case "d", "day", "days" -> Duration.ofDays(amount);
      default ->
          throw new IllegalArgumentException(
              "has the unknown unit '" + m.group(2) + "' (use ms, s, min, h or d)");
    };
  }
}
