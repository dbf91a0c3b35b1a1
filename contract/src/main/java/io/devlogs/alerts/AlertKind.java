package io.devlogs.alerts;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an alert rule measures; the {@code kind} column of {@code alert_rules}. */
public enum AlertKind {
  /** Events matching a filter over a sliding window, compared with a threshold. */
  MATCH_COUNT,
  /** No event matching a filter for a window: a heartbeat. */
  ABSENCE,
  /** Error and fatal events divided by all matching events over a sliding window. */
  ERROR_RATE,
  /**
   * A percentile of the durations matching events carry (milliseconds, the minute aggregates'
   * duration attributes and histogram layout) over a sliding window, compared with a threshold.
   */
  LATENCY_PERCENTILE,
  /** A log pattern the rule's events never showed before appears: one alert per new pattern. */
  NEW_PATTERN,
  /**
   * A recording rule's derived metric (its closed minutes, {@link DerivedMetric}) over a window of
   * minutes, compared with a threshold.
   */
  DERIVED_METRIC;

  /** The name stored in the database and used in JSON: {@code match_count}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind named {@code name} (its wire name), or an exception listing the kinds. */
  public static AlertKind fromWireName(String name) {
    for (AlertKind kind : values()) {
      if (kind.wireName().equals(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "unknown kind '" + name + "', expected one of " + wireNames());
  }

  static String wireNames() {
    return Arrays.stream(values()).map(AlertKind::wireName).collect(Collectors.joining(", "));
  }
}
