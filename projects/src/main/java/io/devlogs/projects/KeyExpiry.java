package io.devlogs.projects;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the optional expiry of a new key: an instant, or a duration from now. */
public final class KeyExpiry {

  private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,5})([smhd])");

  private KeyExpiry() {}

  /**
   * The instant of an ISO-8601 UTC text such as {@code 2030-01-31T00:00:00Z}.
   *
   * @throws IllegalArgumentException naming the value if it is no such instant
   */
  public static Instant instant(String text) {
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "Expiry '" + text + "' is not an ISO-8601 instant such as 2030-01-31T00:00:00Z", e);
    }
  }

  /**
   * A duration such as {@code 90s}, {@code 15m}, {@code 12h} or {@code 30d}.
   *
   * @throws IllegalArgumentException naming the value if it is no such duration
   */
  public static Duration duration(String text) {
    Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "Duration '" + text + "' is not a number followed by s, m, h or d (e.g. 30d)");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  /**
   * The expiry given by command-line flags {@code --expires-at <instant>} or {@code --expires-in
   * <duration>} (also as {@code --flag=value}); null when neither is given.
   *
   * @throws IllegalArgumentException for unknown flags, both flags, or bad values
   */
  static Instant parse(List<String> flags, Instant now) {
    Instant expiresAt = null;
    for (CliFlags.Flag flag : CliFlags.parse(flags).flags()) {
      if (expiresAt != null) {
        throw new IllegalArgumentException("give one of --expires-at and --expires-in, once");
      }
      expiresAt =
          switch (flag.name()) {
            case "--expires-at" -> instant(flag.value());
            case "--expires-in" -> now.plus(duration(flag.value()));
            default -> throw CliFlags.unknown(flag);
          };
    }
    return expiresAt;
  }
}
