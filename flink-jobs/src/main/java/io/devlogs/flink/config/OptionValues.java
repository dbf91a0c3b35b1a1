package io.devlogs.flink.config;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.util.TimeUtils;

/** Reading typed values out of the job's key/value arguments. */
public final class OptionValues {

  private OptionValues() {}

  /** The duration under {@code key}, or {@code fallback} when it is missing or blank. */
  public static Duration duration(Map<String, String> values, String key, Duration fallback) {
    String value = values.get(key);
    if (value == null || value.isBlank() || "__NO_VALUE_KEY".equals(value)) {
      return fallback;
    }
    try {
      return TimeUtils.parseDuration(value.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          key + " '" + value + "' is not a duration; use e.g. 10s, 500ms or 10min", e);
    }
  }

  /** The text under {@code key}, or {@code fallback} when it is missing. */
  public static String text(Map<String, String> values, String key, String fallback) {
    String value = values.get(key);
    return value == null || "__NO_VALUE_KEY".equals(value) ? fallback : value;
  }
}
