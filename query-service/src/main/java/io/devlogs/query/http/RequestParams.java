package io.devlogs.query.http;

import io.devlogs.http.ApiException;
import io.devlogs.query.records.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, validated access to a request's query parameters. Every problem is an {@link ApiException}
 * 400 naming the parameter. Pure: tests build it from a map.
 */
public final class RequestParams {
  private final Map<String, List<String>> params;

  public RequestParams(Map<String, List<String>> params) {
    this.params = Map.copyOf(params);
  }

  /** The parameter's value if given once and not blank; 400 if given more than once. */
  public Optional<String> single(String name) {
    return singleRaw(name).map(String::trim).filter(v -> !v.isEmpty());
  }

  /** The parameter's value exactly as sent (possibly empty) if given; 400 if more than once. */
  public Optional<String> singleRaw(String name) {
    List<String> values = params.getOrDefault(name, List.of());
    if (values.size() > 1) {
      throw ApiException.badParameter(name, "given " + values.size() + " times, expected once");
    }
    return values.stream().findFirst();
  }

  /** The names of all parameters sent. */
  public Set<String> names() {
    return params.keySet();
  }

  /**
   * 400 naming the first parameter that is neither in {@code known} nor starts with one of {@code
   * knownPrefixes}, so a misspelt filter never silently widens a query.
   */
  public void rejectUnknown(Set<String> known, String... knownPrefixes) {
    for (String name : new TreeSet<>(params.keySet())) {
      boolean prefixed = false;
      for (String prefix : knownPrefixes) {
        prefixed |= name.startsWith(prefix);
      }
      if (!known.contains(name) && !prefixed) {
        List<String> expected = new ArrayList<>(new TreeSet<>(known));
        for (String prefix : knownPrefixes) {
          expected.add(prefix + "*");
        }
        throw ApiException.badParameter(
            abbreviate(name), "unknown parameter; expected one of " + String.join(", ", expected));
      }
    }
  }

  /** {@link #single} with a length cap. */
  public Optional<String> text(String name, int maxLength) {
    Optional<String> value = single(name);
    if (value.isPresent() && value.get().length() > maxLength) {
      throw ApiException.badParameter(name, "longer than " + maxLength + " characters");
    }
    return value;
  }

  /** All values of a repeatable parameter, each also split on commas, blanks dropped. */
  public List<String> list(String name) {
    List<String> out = new ArrayList<>();
    for (String value : params.getOrDefault(name, List.of())) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  /** An ISO-8601 instant with offset ({@code 2024-05-01T10:00:00Z}, {@code ...+02:00}). */
  public Optional<Instant> instant(String name) {
    return single(name).map(value -> parseInstant(name, value));
  }

  /**
   * {@code from}/{@code to}: {@code to} defaults to now, {@code from} to {@code to - defaultSpan};
   * {@code to} must be after {@code from} and the range at most {@code maxSpan}.
   */
  public TimeRange timeRange(Instant now, Duration defaultSpan, Duration maxSpan) {
    Instant to = instant("to").orElse(now);
    Instant from = instant("from").orElse(to.minus(defaultSpan));
    if (!to.isAfter(from)) {
      throw ApiException.badParameter("to", "must be after from (" + from + ")");
    }
    if (Duration.between(from, to).compareTo(maxSpan) > 0) {
      throw ApiException.badParameter(
          "from", "range from..to is longer than the maximum of " + maxSpan.toDays() + " days");
    }
    return new TimeRange(from, to);
  }

  /** A positive integer at most {@code max}, {@code defaultValue} when absent. */
  public int limit(int defaultValue, int max) {
    return integer("limit", defaultValue, 1, max);
  }

  /** An integer in {@code min..max}, {@code defaultValue} when absent. */
  public int integer(String name, int defaultValue, int min, int max) {
    Optional<String> value = single(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    int number;
    try {
      number = Integer.parseInt(value.get());
    } catch (NumberFormatException e) {
      throw ApiException.badParameter(name, "not an integer: '" + abbreviate(value.get()) + "'");
    }
    if (number < min || number > max) {
      throw ApiException.badParameter(
          name, "must be between " + min + " and " + max + ", was " + number);
    }
    return number;
  }

  private static Instant parseInstant(String name, String value) {
    // An unencoded '+' of an offset arrives as a space; put it back.
    String text = value.replace(' ', '+');
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badParameter(
          name,
          "not an ISO-8601 time with offset (e.g. 2024-05-01T10:00:00Z): '"
              + abbreviate(value)
              + "'");
    }
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "...";
  }
}
