package io.devlogs.query.logql;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers, durations and byte sizes: as literals in a query, and as label values of events, where
 * the SQL and the in-memory predicate must read them alike. The value patterns are RE2 syntax that
 * both ClickHouse's {@code match} and RE2/J read the same way.
 */
final class Literals {
  static final Pattern NUMBER = Pattern.compile("[0-9]+(\\.[0-9]+)?|\\.[0-9]+");
  static final Pattern DURATION = Pattern.compile("([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h|d|w))+");
  static final Pattern BYTES = Pattern.compile("[0-9]+(\\.[0-9]+)?([kKmMgGtTpP][iI]?)?[bB]");
  private static final Pattern DURATION_PART =
      Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h|d|w)");

  /** A label value read as a number: optional minus, digits, optional fraction. */
  static final String NUMBER_VALUE = "^-?[0-9]+(\\.[0-9]+)?$";

  /** A label value read as a duration: a number and one unit of Go's (µs written us). */
  static final String DURATION_VALUE = "^[0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h)$";

  /** A lower-cased label value read as a byte size: a number and an optional unit. */
  static final String BYTES_VALUE = "^[0-9]+(\\.[0-9]+)? ?(b|kb|kib|mb|mib|gb|gib|tb|tib)?$";

  private Literals() {}

  /** Seconds of a duration literal like {@code 1h30m} or {@code 500ms}. */
  static double durationSeconds(String text) {
    Matcher part = DURATION_PART.matcher(text);
    double seconds = 0;
    while (part.find()) {
      seconds += Double.parseDouble(part.group(1)) * unitSeconds(part.group(2));
    }
    return seconds;
  }

  /** Nanoseconds of a duration literal, for range and step arithmetic. */
  static long durationNanos(String text) {
    Matcher part = DURATION_PART.matcher(text);
    BigDecimal nanos = BigDecimal.ZERO;
    while (part.find()) {
      nanos =
          nanos.add(
              new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(unitNanos(part.group(2)))));
    }
    return nanos.longValue();
  }

  static double unitSeconds(String unit) {
    return switch (unit) {
      case "ns" -> 1e-9;
      case "us", "µs" -> 1e-6;
      case "ms" -> 1e-3;
      case "s" -> 1;
      case "m" -> 60;
      case "h" -> 3600;
      case "d" -> 86400;
      case "w" -> 604800;
      default -> throw new IllegalArgumentException(unit);
    };
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      case "d" -> 86_400_000_000_000L;
      case "w" -> 604_800_000_000_000L;
      default -> throw new IllegalArgumentException(unit);
    };
  }

  /** Bytes of a size literal like {@code 10KB} (1000) or {@code 1KiB} (1024). */
  static double bytes(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    int unit = 0;
    while (unit < lower.length()
        && (Character.isDigit(lower.charAt(unit)) || lower.charAt(unit) == '.')) {
      unit++;
    }
    return Double.parseDouble(lower.substring(0, unit)) * byteFactor(lower.substring(unit).strip());
  }

  static double byteFactor(String unit) {
    return switch (unit) {
      case "", "b" -> 1;
      case "kb" -> 1e3;
      case "kib" -> 1024;
      case "mb" -> 1e6;
      case "mib" -> 1024.0 * 1024;
      case "gb" -> 1e9;
      case "gib" -> 1024.0 * 1024 * 1024;
      case "tb" -> 1e12;
      case "tib" -> 1024.0 * 1024 * 1024 * 1024;
      case "pb" -> 1e15;
      case "pib" -> 1024.0 * 1024 * 1024 * 1024 * 1024;
      default -> throw new IllegalArgumentException(unit);
    };
  }

  /** A double as SQL reads it back exactly ({@code toFloat64(?)} of this text). */
  static String plain(double value) {
    return new BigDecimal(value).toPlainString();
  }
}
