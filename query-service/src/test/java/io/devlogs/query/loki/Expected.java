package io.devlogs.query.loki;

import io.devlogs.topics.ParsedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Answers of Loki's API computed in Java from the fixture's events, by conditions and arithmetic
 * written in the tests, never by the compiler: log lines as {@code "ns|line"}, metric samples as
 * {@code "{labels}@seconds" -> value}.
 */
final class Expected {
  private Expected() {}

  static String attr(ParsedEvent e, String key) {
    return e.attributes().getOrDefault(key, "");
  }

  static String level(ParsedEvent e) {
    return e.level().name().toLowerCase(Locale.ROOT);
  }

  /** Loki's number form of a label value, or null. */
  static Double number(String value) {
    return value.matches("-?[0-9]+(\\.[0-9]+)?") ? Double.parseDouble(value) : null;
  }

  static boolean number(ParsedEvent e, String key, Predicate<Double> test) {
    Double n = number(attr(e, key));
    return n != null && test.test(n);
  }

  static int bytes(ParsedEvent e) {
    return e.message().getBytes(StandardCharsets.UTF_8).length;
  }

  /** The stream labels of an event: service, level, stream, empty ones left out. */
  static Map<String, String> stream(ParsedEvent e) {
    return labels("level", level(e), "service", e.service(), "stream", e.stream());
  }

  /** A label map from pairs, empty values left out, sorted. */
  static Map<String, String> labels(String... pairs) {
    Map<String, String> labels = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null && !pairs[i + 1].isEmpty()) {
        labels.put(pairs[i], pairs[i + 1]);
      }
    }
    return labels;
  }

  /** The log lines of the matching events in [from, to), newest first, at most {@code limit}. */
  static List<String> lines(
      List<ParsedEvent> events,
      Predicate<ParsedEvent> filter,
      Instant from,
      Instant to,
      int limit) {
    long lo = nanos(from);
    long hi = nanos(to);
    return events.stream()
        .filter(e -> e.epochNanos() >= lo && e.epochNanos() < hi)
        .filter(filter)
        .sorted(
            Comparator.comparingLong(ParsedEvent::epochNanos)
                .thenComparing(ParsedEvent::id)
                .reversed())
        .limit(limit)
        .map(e -> e.epochNanos() + "|" + e.message())
        .toList();
  }

  /**
   * A range metric: at t = start, start + step, ... <= end, the events of (t - range, t] that
   * match, grouped by {@code series}, each group's value; groups without events have no sample.
   */
  static Map<String, Double> metric(
      List<ParsedEvent> events,
      Predicate<ParsedEvent> filter,
      Duration range,
      Instant start,
      Instant end,
      Duration step,
      Function<ParsedEvent, Map<String, String>> series,
      Function<List<ParsedEvent>, Double> value) {
    Map<String, Double> out = new TreeMap<>();
    for (long t = nanos(start); t <= nanos(end); t += step.toNanos()) {
      long from = t - range.toNanos();
      long at = t;
      events.stream()
          .filter(filter)
          .filter(e -> e.epochNanos() > from && e.epochNanos() <= at)
          .collect(Collectors.groupingBy(series))
          .forEach((labels, group) -> out.put(key(labels, at), value.apply(group)));
    }
    return out;
  }

  /**
   * An aggregation over series: the inner series (by {@code inner}) of each step are computed, then
   * grouped by {@code outer} of their labels and combined with {@code combine}.
   */
  static Map<String, Double> aggregate(
      Map<String, Double> innerSamples,
      Function<Map<String, String>, Map<String, String>> outer,
      Function<List<Double>, Double> combine) {
    Map<String, List<Double>> groups = new TreeMap<>();
    innerSamples.forEach(
        (key, value) -> {
          int at = key.lastIndexOf('@');
          Map<String, String> labels = parseLabels(key.substring(0, at));
          groups
              .computeIfAbsent(
                  key(outer.apply(labels), key.substring(at + 1)), k -> new ArrayList<>())
              .add(value);
        });
    Map<String, Double> out = new TreeMap<>();
    groups.forEach((key, values) -> out.put(key, combine.apply(values)));
    return out;
  }

  static String key(Map<String, String> labels, long atNanos) {
    return key(labels, seconds(atNanos));
  }

  static String key(Map<String, String> labels, String seconds) {
    return new TreeMap<>(labels) + "@" + seconds;
  }

  static String seconds(long nanos) {
    return new java.math.BigDecimal(java.math.BigInteger.valueOf(nanos), 9)
        .stripTrailingZeros()
        .toPlainString();
  }

  private static Map<String, String> parseLabels(String text) {
    Map<String, String> labels = new TreeMap<>();
    String inner = text.substring(1, text.length() - 1);
    if (inner.isEmpty()) {
      return labels;
    }
    // Fixture labels hold no ", " or "=" except the hostile user id, which no test groups by.
    for (String pair : inner.split(", ")) {
      int eq = pair.indexOf('=');
      labels.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return labels;
  }

  static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  /** Prometheus' quantile over sorted values: linear between ranks. */
  static double quantile(List<Double> values, double phi) {
    List<Double> sorted = values.stream().sorted().toList();
    double rank = phi * (sorted.size() - 1);
    int low = (int) Math.floor(rank);
    int high = Math.min(low + 1, sorted.size() - 1);
    double weight = rank - low;
    return sorted.get(low) * (1 - weight) + sorted.get(high) * weight;
  }
}
