package io.devlogs.query.boards;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A span written as people write it in the dashboard: a whole number of minutes, hours or days
 * ({@code 15m}, {@code 1h}, {@code 7d}).
 */
public record RelativeSpan(String text, Duration duration) {
  private static final Pattern SHAPE = Pattern.compile("([1-9][0-9]{0,4})([mhd])");

  /**
   * The span of this text, at most {@code max}.
   *
   * @throws IllegalArgumentException saying what is wrong, for other text
   */
  static RelativeSpan parse(String text, Duration max) {
    Matcher matcher = SHAPE.matcher(text == null ? "" : text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "must be a number of minutes, hours or days such as 15m, 1h or 7d, not '" + text + "'");
    }
    long amount = Long.parseLong(matcher.group(1));
    Duration duration =
        switch (matcher.group(2)) {
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
    if (duration.compareTo(max) > 0) {
      throw new IllegalArgumentException("must be at most " + max.toDays() + "d, not " + text);
    }
    return new RelativeSpan(text, duration);
  }
}
