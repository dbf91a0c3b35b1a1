package io.devlogs.flink.parse;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * Reads the timestamps log lines carry, by hand-written scanners (no regex, no exceptions): each
 * {@code at...} method tries one form at a position and, on success, returns epoch nanoseconds and
 * sets {@link Match#end}; on failure it returns {@link #NONE}.
 *
 * <p>Forms: ISO-8601 with {@code T} or a space, optional fraction ({@code .} or {@code ,}, up to 9
 * digits) and optional zone ({@code Z}, {@code +hh:mm}, {@code +hhmm}, {@code +hh}); {@code
 * yyyy/MM/dd HH:mm:ss} and {@code yy/MM/dd HH:mm:ss}; {@code yyMMdd HHmmss}; {@code
 * dd/MMM/yyyy:HH:mm:ss +hhmm} (access logs); {@code MMM d HH:mm:ss} (syslog, no year); {@code
 * HH:mm:ss,SSS} alone; epoch seconds, millis, micros or nanos told apart by magnitude.
 *
 * <p><b>A time without a zone is UTC.</b> A time without a year takes the year that puts it nearest
 * before the received time, allowing {@link #FUTURE_GRACE_MILLIS} of clock skew or local-time
 * offset; a time without a date takes the received date (the day before when that would put it more
 * than 12 hours after the received time, i.e. across midnight).
 */
final class TimestampParser {

  /** Returned when a form does not match. No valid log time is this far in the past. */
  static final long NONE = Long.MIN_VALUE;

  /** How far after the received time a year-less time may be and still take the current year. */
  static final long FUTURE_GRACE_MILLIS = 24 * 3600_000L;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long DAY_MILLIS = 24 * 3600_000L;

  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  /** Where the last successful match ended. One per caller; not thread-safe. */
  static final class Match {
    int end;
  }

  private TimestampParser() {}

  /** {@code yyyy-MM-dd[T ]HH:mm[:ss[.f]][zone]}, also {@code yyyy/MM/dd} and {@code yy/MM/dd}. */
  static long atIsoOrSlashed(String s, int p, Match m) {
    int n = s.length();
    int year;
    int q;
    char sep;
    if (p + 10 <= n && digits(s, p, 4) && (s.charAt(p + 4) == '-' || s.charAt(p + 4) == '/')) {
      year = num(s, p, 4);
      sep = s.charAt(p + 4);
      q = p + 5;
    } else if (p + 8 <= n && digits(s, p, 2) && s.charAt(p + 2) == '/') {
      year = 2000 + num(s, p, 2);
      sep = '/';
      q = p + 3;
    } else {
      return NONE;
    }
    if (q + 5 > n || !digits(s, q, 2) || s.charAt(q + 2) != sep || !digits(s, q + 3, 2)) {
      return NONE;
    }
    int month = num(s, q, 2);
    int day = num(s, q + 3, 2);
    q += 5;
    if (q >= n || (s.charAt(q) != 'T' && s.charAt(q) != ' ' && s.charAt(q) != '_')) {
      return NONE;
    }
    return time(s, q + 1, year, month, day, true, m);
  }

  /** {@code yyMMdd HHmmss} (HDFS). */
  static long atCompact(String s, int p, Match m) {
    if (p + 13 > s.length()
        || !digits(s, p, 6)
        || s.charAt(p + 6) != ' '
        || !digits(s, p + 7, 6)
        || (p + 13 < s.length() && !boundary(s.charAt(p + 13)))) {
      return NONE;
    }
    long nanos =
        of(
            2000 + num(s, p, 2),
            num(s, p + 2, 2),
            num(s, p + 4, 2),
            num(s, p + 7, 2),
            num(s, p + 9, 2),
            num(s, p + 11, 2),
            0);
    if (nanos != NONE) {
      m.end = p + 13;
    }
    return nanos;
  }

  /** {@code dd/MMM/yyyy:HH:mm:ss +hhmm}, as Apache and nginx write inside brackets. */
  static long atAccessLog(String s, int p, Match m) {
    int n = s.length();
    if (p + 20 > n
        || !digits(s, p, 2)
        || s.charAt(p + 2) != '/'
        || s.charAt(p + 6) != '/'
        || !digits(s, p + 7, 4)
        || s.charAt(p + 11) != ':') {
      return NONE;
    }
    int month = month(s, p + 3);
    if (month == 0) {
      return NONE;
    }
    return time(s, p + 12, num(s, p + 7, 4), month, num(s, p, 2), true, m);
  }

  /** {@code MMM [d]d HH:mm:ss[.f]} without a year (syslog RFC 3164). */
  static long atSyslog(String s, int p, Match m, long receivedMillis) {
    int n = s.length();
    if (p + 14 > n || s.charAt(p + 3) != ' ') {
      return NONE;
    }
    int month = month(s, p);
    if (month == 0) {
      return NONE;
    }
    int q = p + 4;
    if (s.charAt(q) == ' ') {
      q++;
    }
    int day;
    if (digits(s, q, 2)) {
      day = num(s, q, 2);
      q += 2;
    } else if (digits(s, q, 1)) {
      day = num(s, q, 1);
      q += 1;
    } else {
      return NONE;
    }
    if (q >= n || s.charAt(q) != ' ') {
      return NONE;
    }
    long timeOfDay = timeOfDay(s, q + 1, m);
    if (timeOfDay == NONE) {
      return NONE;
    }
    return withNearestYear(month, day, timeOfDay, receivedMillis);
  }

  /** Month letter + {@code MMdd HH:mm:ss.ffffff} after the level letter (glog/klog). */
  static long atKlog(String s, int p, Match m, long receivedMillis) {
    if (p + 13 > s.length() || !digits(s, p, 4) || s.charAt(p + 4) != ' ') {
      return NONE;
    }
    long timeOfDay = timeOfDay(s, p + 5, m);
    if (timeOfDay == NONE) {
      return NONE;
    }
    return withNearestYear(num(s, p, 2), num(s, p + 2, 2), timeOfDay, receivedMillis);
  }

  /** {@code yyyyMMdd HH:mm:ss.ffffff} after the level letter (glog since 0.5 with a year). */
  static long atGlogWithYear(String s, int p, Match m) {
    if (p + 17 > s.length() || !digits(s, p, 8) || s.charAt(p + 8) != ' ') {
      return NONE;
    }
    long timeOfDay = timeOfDay(s, p + 9, m);
    long midnight = of(num(s, p, 4), num(s, p + 4, 2), num(s, p + 6, 2), 0, 0, 0, 0);
    return timeOfDay == NONE || midnight == NONE ? NONE : midnight + timeOfDay;
  }

  /** {@code HH:mm:ss[.,f]} alone: the received date, or the day before across midnight. */
  static long atTimeOnly(String s, int p, Match m, long receivedMillis) {
    long timeOfDay = timeOfDay(s, p, m);
    if (timeOfDay == NONE) {
      return NONE;
    }
    long day = Math.floorDiv(receivedMillis, DAY_MILLIS);
    long nanos = day * DAY_MILLIS * 1_000_000L + timeOfDay;
    if (nanos > (receivedMillis + DAY_MILLIS / 2) * 1_000_000L) {
      nanos -= DAY_MILLIS * 1_000_000L;
    }
    return nanos;
  }

  /**
   * A whole field value (JSON or logfmt): any of the forms above, or epoch digits. Returns {@link
   * #NONE} when the value is not a time.
   */
  static long parseValue(String raw, long receivedMillis) {
    String s = raw.trim();
    if (s.isEmpty()) {
      return NONE;
    }
    if (isNumber(s)) {
      return fromEpochNumber(new BigDecimal(s));
    }
    Match m = new Match();
    long nanos = atIsoOrSlashed(s, 0, m);
    if (nanos == NONE) {
      nanos = atCompact(s, 0, m);
    }
    if (nanos == NONE) {
      nanos = atAccessLog(s, 0, m);
    }
    if (nanos == NONE) {
      nanos = atSyslog(s, 0, m, receivedMillis);
    }
    if (nanos == NONE) {
      nanos = atTimeOnly(s, 0, m, receivedMillis);
    }
    return nanos != NONE && m.end == s.length() ? nanos : NONE;
  }

  /**
   * Epoch time by magnitude: below 1e11 seconds, below 1e14 millis, below 1e17 micros, else nanos.
   * (So millis before 1973-03-03 would read as seconds.) {@link #NONE} when negative or absurd.
   */
  static long fromEpochNumber(BigDecimal value) {
    if (value.signum() < 0) {
      return NONE;
    }
    BigDecimal abs = value.abs();
    int shift;
    if (abs.compareTo(BigDecimal.valueOf(100_000_000_000L)) < 0) {
      shift = 9;
    } else if (abs.compareTo(BigDecimal.valueOf(100_000_000_000_000L)) < 0) {
      shift = 6;
    } else if (abs.compareTo(BigDecimal.valueOf(100_000_000_000_000_000L)) < 0) {
      shift = 3;
    } else {
      shift = 0;
    }
    try {
      return value.movePointRight(shift).setScale(0, RoundingMode.HALF_UP).longValueExact();
    } catch (ArithmeticException e) {
      return NONE;
    }
  }

  /** {@code HH:mm[:ss[.f]][zone]} at q for the given date; sets m.end. */
  private static long time(String s, int q, int year, int month, int day, boolean zone, Match m) {
    int n = s.length();
    if (q + 5 > n || !digits(s, q, 2) || s.charAt(q + 2) != ':' || !digits(s, q + 3, 2)) {
      return NONE;
    }
    int hour = num(s, q, 2);
    int minute = num(s, q + 3, 2);
    int second = 0;
    q += 5;
    int nano = 0;
    if (q + 3 <= n && s.charAt(q) == ':' && digits(s, q + 1, 2)) {
      second = num(s, q + 1, 2);
      q += 3;
      nano = (int) fraction(s, q, m);
      q = m.end;
    }
    long offsetSeconds = 0;
    if (zone && q < n) {
      int z = q;
      if (s.charAt(z) == ' '
          && z + 5 < n
          && (s.charAt(z + 1) == '+' || s.charAt(z + 1) == '-')
          && digits(s, z + 2, 4)) {
        z++; // "dd/MMM/yyyy:HH:mm:ss +0000"
      }
      char c = s.charAt(z);
      if (c == 'Z' || c == 'z') {
        q = z + 1;
      } else if ((c == '+' || c == '-') && digits(s, z + 1, 2)) {
        int oh = num(s, z + 1, 2);
        int om = 0;
        int e = z + 3;
        if (e + 2 < n && s.charAt(e) == ':' && digits(s, e + 1, 2)) {
          om = num(s, e + 1, 2);
          e += 3;
        } else if (digits(s, e, 2)) {
          om = num(s, e, 2);
          e += 2;
        }
        if (oh > 18 || om > 59) {
          return NONE;
        }
        offsetSeconds = (c == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
        q = e;
      }
    }
    if (q < n && !boundary(s.charAt(q))) {
      return NONE;
    }
    long nanos = of(year, month, day, hour, minute, second, nano);
    if (nanos == NONE) {
      return NONE;
    }
    m.end = q;
    return nanos - offsetSeconds * NANOS_PER_SECOND;
  }

  /**
   * The nanoseconds of an optional {@code .f} or {@code ,f} fraction at q (digits past the ninth
   * are read and dropped); sets m.end after it, or to q when there is none.
   */
  private static long fraction(String s, int q, Match m) {
    int n = s.length();
    long nano = 0;
    if (q + 1 < n && (s.charAt(q) == '.' || s.charAt(q) == ',') && isDigit(s.charAt(q + 1))) {
      q++;
      int digits = 0;
      while (q < n && isDigit(s.charAt(q))) {
        if (digits < 9) {
          nano = nano * 10 + (s.charAt(q) - '0');
          digits++;
        }
        q++;
      }
      for (; digits < 9; digits++) {
        nano *= 10;
      }
    }
    m.end = q;
    return nano;
  }

  /** Nanos within the day of {@code HH:mm:ss[.,f]} at q; sets m.end. */
  private static long timeOfDay(String s, int q, Match m) {
    int n = s.length();
    if (q + 8 > n
        || !digits(s, q, 2)
        || s.charAt(q + 2) != ':'
        || !digits(s, q + 3, 2)
        || s.charAt(q + 5) != ':'
        || !digits(s, q + 6, 2)) {
      return NONE;
    }
    int hour = num(s, q, 2);
    int minute = num(s, q + 3, 2);
    int second = num(s, q + 6, 2);
    if (hour > 23 || minute > 59 || second > 60) {
      return NONE;
    }
    second = Math.min(second, 59);
    q += 8;
    long nano = fraction(s, q, m);
    q = m.end;
    if (q < n && !boundary(s.charAt(q))) {
      return NONE;
    }
    m.end = q;
    return (hour * 3600L + minute * 60L + second) * NANOS_PER_SECOND + nano;
  }

  private static long withNearestYear(int month, int day, long timeOfDay, long receivedMillis) {
    int receivedYear = LocalDate.ofEpochDay(Math.floorDiv(receivedMillis, DAY_MILLIS)).getYear();
    long limit = (receivedMillis + FUTURE_GRACE_MILLIS) * 1_000_000L;
    // Feb 29 may need to go back up to 8 years to a leap year.
    for (int year = receivedYear + 1; year >= receivedYear - 8; year--) {
      long midnight = of(year, month, day, 0, 0, 0, 0);
      if (midnight != NONE && midnight + timeOfDay <= limit) {
        return midnight + timeOfDay;
      }
    }
    return NONE;
  }

  /** Epoch nanos of a UTC date-time, or NONE when a field is out of range. */
  static long of(int year, int month, int day, int hour, int minute, int second, int nano) {
    if (year < 1970
        || year > 2200
        || month < 1
        || month > 12
        || day < 1
        || day > lengthOfMonth(year, month)
        || hour > 24
        || minute > 59
        || second > 60
        || (hour == 24 && (minute > 0 || second > 0 || nano > 0))) {
      return NONE;
    }
    second = Math.min(second, 59); // a leap second reads as :59
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    long seconds = epochDay * 86_400L + hour * 3600L + minute * 60L + second;
    return seconds * NANOS_PER_SECOND + nano;
  }

  private static int lengthOfMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** 1-12 for an English month abbreviation at p (any case), else 0. */
  static int month(String s, int p) {
    if (p + 3 > s.length()) {
      return 0;
    }
    for (int i = 0; i < 12; i++) {
      if (s.regionMatches(true, p, MONTHS[i], 0, 3)) {
        return i + 1;
      }
    }
    return 0;
  }

  private static boolean isNumber(String s) {
    int dots = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        dots++;
      } else if (!isDigit(c)) {
        return false;
      }
    }
    return dots <= 1 && s.charAt(0) != '.' && s.length() <= 40;
  }

  private static boolean boundary(char c) {
    return !Character.isLetterOrDigit(c);
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean digits(String s, int p, int count) {
    if (p < 0 || p + count > s.length()) {
      return false;
    }
    for (int i = p; i < p + count; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static int num(String s, int p, int count) {
    int v = 0;
    for (int i = p; i < p + count; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return v;
  }
}
