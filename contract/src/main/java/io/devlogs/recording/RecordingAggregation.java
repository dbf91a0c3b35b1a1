package io.devlogs.recording;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a recording rule's metric is per minute and group: the count of matching events, or a
 * statistic of a numeric field over the matching events that carry it. Every minute row holds all
 * of them (count, sum, min, max, the quantiles); the rule's aggregation is the one charted.
 */
public enum RecordingAggregation {
  COUNT,
  SUM,
  MIN,
  MAX,
  AVG,
  P50,
  P90,
  P99;

  /** The name in JSON and the API: {@code count}, {@code p99}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether it is a statistic of a numeric field (every one but {@link #COUNT}). */
  public boolean needsField() {
    return this != COUNT;
  }

  /** The quantile in [0, 1] of {@link #P50}, {@link #P90}, {@link #P99}; NaN for the others. */
  public double quantile() {
    return switch (this) {
      case P50 -> 0.5;
      case P90 -> 0.9;
      case P99 -> 0.99;
      default -> Double.NaN;
    };
  }

  /** The aggregation of a wire name. */
  public static RecordingAggregation fromWireName(String name) {
    for (RecordingAggregation a : values()) {
      if (a.wireName().equals(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown aggregation '"
            + name
            + "', expected "
            + Arrays.stream(values())
                .map(RecordingAggregation::wireName)
                .collect(Collectors.joining(", ")));
  }
}
