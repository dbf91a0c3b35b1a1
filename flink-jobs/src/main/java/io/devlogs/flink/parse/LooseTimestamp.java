package io.devlogs.flink.parse;

import java.time.LocalDate;

/**
 * Reads a timestamp written in any common notation at one position of a line, by a bounded
 * left-to-right scan (no regex, no exceptions, no allocation). {@link #at} tries, from a token
 * start:
 *
 * <ul>
 *   <li>numeric dates with {@code -}, {@code /} or {@code .}: {@code yyyy-MM-dd}, {@code
 *       dd.MM.yyyy}, {@code MM/dd/yyyy} (a first field above 12 makes it day-first; {@code /} is
 *       month-first, {@code .} and {@code -} day-first otherwise), {@code yy/MM/dd}, {@code MM-dd}
 *       without a year (logcat), {@code yyyyMMdd}, {@code yyMMdd};
 *   <li>month names: {@code [Day] Mon d[,] [yyyy] time [yyyy]} (syslog, Apache's error log, JUL,
 *       Unix {@code date}), {@code dd Mon yyyy} (Redis), {@code dd-Mon-yyyy} (Tomcat), {@code
 *       dd/Mon/yyyy:time} (access logs);
 *   <li>a time after the date, separated by {@code T}, spaces, {@code -}, {@code _}, {@code :} or
 *       {@code ,}: hours with or without a leading zero, optional seconds, a fraction after {@code
 *       .}, {@code ,} or {@code :}, {@code AM}/{@code PM}, a zone ({@code Z}, {@code +hh:mm},
 *       {@code +hhmm}, {@code UTC}, {@code GMT}, or an abbreviation such as {@code PDT} or {@code
 *       CEST}); {@code HH.mm.ss} after {@code yyyy-MM-dd-} (DB2);
 *   <li>a time alone (the received date);
 *   <li>epoch seconds (10 digits, optional fraction) or milliseconds (13 digits) between 2000 and
 *       2100.
 * </ul>
 *
 * {@link Match#kind} tells how complete the match is, so a caller can prefer a written date-time
 * over an epoch number or a bare time. A time without a zone is UTC. A date without a year takes
 * {@code yearHint} when the line gave one elsewhere, else the year that puts it nearest before the
 * received time (allowing a day of clock skew): see {@link TimestampParser}.
 */
final class LooseTimestamp {

  /** A date and a time, with a year. */
  static final int FULL = 4;

  /** A date and a time without a year. */
  static final int NO_YEAR = 3;

  /** Epoch seconds or milliseconds. */
  static final int EPOCH = 2;

  /** A time of day alone. */
  static final int TIME_ONLY = 1;

  /** A date alone (its year in {@link Match#year}); not a time by itself. */
  static final int DATE_ONLY = 0;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long DAY_MILLIS = 24 * 3600_000L;
  private static final long MIN_EPOCH_SECONDS = 946_684_800L; // 2000-01-01
  private static final long MAX_EPOCH_SECONDS = 4_102_444_800L; // 2100-01-01

  /**
   * Zone abbreviations that name one offset (PostgreSQL, Unix {@code date}); ambiguous ones such as
   * IST or CST-in-China are read as CST (US). Anything else leaves the time in UTC.
   */
  private static final java.util.Map<String, Integer> ZONE_ABBREVIATIONS =
      java.util.Map.ofEntries(
          java.util.Map.entry("UTC", 0),
          java.util.Map.entry("GMT", 0),
          java.util.Map.entry("WET", 0),
          java.util.Map.entry("BST", 60),
          java.util.Map.entry("WEST", 60),
          java.util.Map.entry("CET", 60),
          java.util.Map.entry("CEST", 120),
          java.util.Map.entry("EET", 120),
          java.util.Map.entry("EEST", 180),
          java.util.Map.entry("MSK", 180),
          java.util.Map.entry("JST", 540),
          java.util.Map.entry("KST", 540),
          java.util.Map.entry("AEST", 600),
          java.util.Map.entry("AEDT", 660),
          java.util.Map.entry("NZST", 720),
          java.util.Map.entry("NZDT", 780),
          java.util.Map.entry("HST", -600),
          java.util.Map.entry("AKST", -540),
          java.util.Map.entry("AKDT", -480),
          java.util.Map.entry("PST", -480),
          java.util.Map.entry("PDT", -420),
          java.util.Map.entry("MST", -420),
          java.util.Map.entry("MDT", -360),
          java.util.Map.entry("CST", -360),
          java.util.Map.entry("CDT", -300),
          java.util.Map.entry("EST", -300),
          java.util.Map.entry("EDT", -240));

  /** The first letters of month and day names: other words are not tried. */
  private static final String NAME_INITIALS = "JFMASONDTW";

  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] MONTH_NAMES = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December"
  };

  /** The outcome of {@link #at}. One per caller; not thread-safe. */
  static final class Match {
    int end;
    int kind;
    long nanos;
    int year;
    int month;
    int day;

    // scratch of the time-of-day reader
    private long timeNanos;
    private long offsetSeconds;
  }

  private LooseTimestamp() {}

  /**
   * Tries every notation at p; true when one matched ({@code m} then holds it). {@code yearHint} is
   * a year the line wrote elsewhere, or 0.
   */
  static boolean at(String s, int p, long receivedMillis, int yearHint, Match m) {
    int n = s.length();
    if (p >= n) {
      return false;
    }
    char c = s.charAt(p);
    if (isDigit(c)) {
      return digitLed(s, p, receivedMillis, yearHint, m);
    }
    if (isLetter(c) && NAME_INITIALS.indexOf(Character.toUpperCase(c)) >= 0) {
      return letterLed(s, p, receivedMillis, yearHint, m);
    }
    return false;
  }

  private static boolean digitLed(String s, int p, long receivedMillis, int yearHint, Match m) {
    int n = s.length();
    int g1End = digitsEnd(s, p, 14);
    int g1 = g1End - p;
    char sep = g1End < n ? s.charAt(g1End) : ' ';
    if (g1 <= 2 && sep == ':') {
      return timeAlone(s, p, receivedMillis, m);
    }
    if ((g1 == 4 || g1 <= 2) && (sep == '-' || sep == '/' || sep == '.')) {
      if (g1 <= 2 && g1End + 3 < n && isLetter(s.charAt(g1End + 1))) {
        return dayMonthNameYear(s, p, g1End, sep, receivedMillis, yearHint, m);
      }
      return numericDate(s, p, g1End, sep, receivedMillis, yearHint, m);
    }
    if (g1 <= 2 && sep == ' ' && g1End + 4 < n && isLetter(s.charAt(g1End + 1))) {
      return dayMonthNameYear(s, p, g1End, sep, receivedMillis, yearHint, m);
    }
    if (g1 == 8 && g1End < n) {
      // yyyyMMdd[-T _]time
      int year = num(s, p, 4);
      int month = num(s, p + 4, 2);
      int day = num(s, p + 6, 2);
      if (dateValid(year, month, day) && (sep == '-' || sep == 'T' || sep == ' ' || sep == '_')) {
        return dateThenTime(s, g1End, year, month, day, FULL, false, m);
      }
      return false;
    }
    if (g1 == 6 && sep == ' ') {
      // yyMMdd HHmmss (HDFS) or yyMMdd H:mm:ss (MySQL 5)
      int year = 2000 + num(s, p, 2);
      int month = num(s, p + 2, 2);
      int day = num(s, p + 4, 2);
      if (!dateValid(year, month, day)) {
        return false;
      }
      int q = skip(s, g1End, ' ');
      int tEnd = digitsEnd(s, q, 7);
      if (tEnd - q == 6 && boundaryAt(s, tEnd)) {
        long nanos =
            TimestampParser.of(
                year, month, day, num(s, q, 2), num(s, q + 2, 2), num(s, q + 4, 2), 0);
        return nanos != TimestampParser.NONE && set(m, tEnd, FULL, nanos);
      }
      return dateThenTime(s, q, year, month, day, FULL, false, m);
    }
    if ((g1 == 10 || g1 == 13) && boundaryAt(s, g1End) && (p == 0 || !isDigit(s.charAt(p - 1)))) {
      return epoch(s, p, g1End, m);
    }
    return false;
  }

  private static boolean numericDate(
      String s, int p, int g1End, char sep, long receivedMillis, int yearHint, Match m) {
    int n = s.length();
    int g1 = g1End - p;
    int g2Start = g1End + 1;
    int g2End = digitsEnd(s, g2Start, 3);
    if (g2End - g2Start < 1 || g2End - g2Start > 2) {
      return false;
    }
    int a = num(s, p, g1);
    int b = num(s, g2Start, g2End - g2Start);
    if (g2End < n && s.charAt(g2End) == sep) {
      int g3Start = g2End + 1;
      int g3End = digitsEnd(s, g3Start, 5);
      int g3 = g3End - g3Start;
      if (g3 < 1 || g3 == 3 || g3 > 4) {
        return false;
      }
      int c = num(s, g3Start, g3);
      int year;
      int month;
      int day;
      if (g1 == 4) {
        year = a;
        month = b;
        day = c;
      } else if (g3 == 4) {
        year = c;
        boolean dayFirst = a > 12 || (b <= 12 && sep != '/');
        month = dayFirst ? b : a;
        day = dayFirst ? a : b;
      } else if (g1 == 2 && g3 == 2 && sep == '/') {
        year = 2000 + a;
        month = b;
        day = c;
      } else if (g1 == 2 && g3 == 2) {
        year = 2000 + c; // dd.MM.yy
        month = b;
        day = a;
      } else {
        return false;
      }
      if (!dateValid(year, month, day)) {
        return false;
      }
      if (dateThenTime(s, g3End, year, month, day, FULL, g1 == 4 && sep == '-', m)) {
        return true;
      }
      if (!boundaryAt(s, g3End) || (g3End < n && s.charAt(g3End) == sep)) {
        return false;
      }
      m.end = g3End;
      m.kind = DATE_ONLY;
      m.year = year;
      m.month = month;
      m.day = day;
      m.nanos = TimestampParser.of(year, month, day, 0, 0, 0, 0);
      return true;
    }
    // MM-dd or MM.dd without a year: only with a time after it
    if (g1 > 2 || !dateValid(2000, a, b)) {
      return false;
    }
    int year = yearHint;
    if (!dateThenTime(s, g2End, year == 0 ? 2000 : year, a, b, NO_YEAR, false, m)) {
      return false;
    }
    return year != 0 || withNearestYear(m, a, b, receivedMillis);
  }

  /** {@code dd Mon yyyy}, {@code dd-Mon-yyyy}, {@code dd/Mon/yyyy:} then a time. */
  private static boolean dayMonthNameYear(
      String s, int p, int g1End, char sep, long receivedMillis, int yearHint, Match m) {
    int day = num(s, p, g1End - p);
    int q = g1End + 1;
    int month = monthAt(s, q, m);
    if (month == 0) {
      return false;
    }
    q = m.end;
    if (q >= s.length() || s.charAt(q) != sep) {
      return false;
    }
    q++;
    int yEnd = digitsEnd(s, q, 5);
    if (yEnd - q != 4) {
      // "13 Apr 12:52:30.731" (Redis before 3.0): no year
      if (sep != ' ' || !timeOfDay(s, q, false, m)) {
        return false;
      }
      if (yearHint != 0) {
        if (!dateValid(yearHint, month, day)) {
          return false;
        }
        long midnight = TimestampParser.of(yearHint, month, day, 0, 0, 0, 0);
        return set(m, m.end, NO_YEAR, midnight + m.timeNanos - m.offsetSeconds * NANOS_PER_SECOND);
      }
      return dateValid(2000, month, day) && withNearestYear(m, month, day, receivedMillis);
    }
    int year = num(s, q, 4);
    if (!dateValid(year, month, day)) {
      return false;
    }
    return dateThenTime(s, yEnd, year, month, day, FULL, false, m);
  }

  private static boolean letterLed(String s, int p, long receivedMillis, int yearHint, Match m) {
    int n = s.length();
    int q = p;
    int dayName = nameAt(s, q, DAYS, null);
    if (dayName >= 0) {
      q = wordEnd(s, q);
      if (q < n && s.charAt(q) == ',') {
        q++;
      }
      if (q >= n || s.charAt(q) != ' ') {
        return false;
      }
      q = skip(s, q, ' ');
      if (q < n && isDigit(s.charAt(q))) {
        int dEnd = digitsEnd(s, q, 3);
        // "Tue, 02 Jan 2024 03:04:05 GMT" (RFC 1123)
        return dEnd < n
            && s.charAt(dEnd) == ' '
            && dayMonthNameYear(s, q, dEnd, ' ', receivedMillis, yearHint, m);
      }
    }
    int month = monthAt(s, q, m);
    if (month == 0) {
      return false;
    }
    q = m.end;
    if (q >= n || (s.charAt(q) != ' ' && s.charAt(q) != '-' && s.charAt(q) != '/')) {
      return false;
    }
    q = skip(s, q + 1, ' ');
    int dEnd = digitsEnd(s, q, 3);
    if (dEnd - q < 1 || dEnd - q > 2) {
      return false;
    }
    int day = num(s, q, dEnd - q);
    q = dEnd;
    if (q < n && s.charAt(q) == ',') {
      q++;
    }
    int year = 0;
    if (q + 5 < n && s.charAt(q) == ' ' && digits(s, q + 1, 4) && s.charAt(q + 5) != ':') {
      year = num(s, q + 1, 4);
      q += 5;
    }
    if (q >= n || s.charAt(q) != ' ') {
      return false;
    }
    int tStart = skip(s, q, ' ');
    if (!timeOfDay(s, tStart, false, m)) {
      return false;
    }
    int end = m.end;
    if (year == 0) {
      // "Sun Dec 04 04:47:44 2005", "Mon Jan  2 15:04:05 MST 2006"
      int z = end;
      if (z + 4 < n && s.charAt(z) == ' ' && isUpperWord(s, z + 1, 3, 4)) {
        z = wordEnd(s, z + 1);
      }
      if (z + 4 < n && s.charAt(z) == ' ' && digits(s, z + 1, 4) && boundaryAt(s, z + 5)) {
        year = num(s, z + 1, 4);
        end = z + 5;
      }
    }
    int kind = year == 0 ? NO_YEAR : FULL;
    if (year == 0) {
      year = yearHint;
    }
    if (year != 0) {
      if (!dateValid(year, month, day)) {
        return false;
      }
      long midnight = TimestampParser.of(year, month, day, 0, 0, 0, 0);
      return set(m, end, kind, midnight + m.timeNanos - m.offsetSeconds * NANOS_PER_SECOND);
    }
    if (!dateValid(2000, month, day)) {
      return false;
    }
    m.end = end;
    m.kind = kind;
    return withNearestYear(m, month, day, receivedMillis);
  }

  /** After a date ending at q: a separator and a time; sets m (kind {@code kind}). */
  private static boolean dateThenTime(
      String s, int q, int year, int month, int day, int kind, boolean dottedTime, Match m) {
    int n = s.length();
    if (q >= n) {
      return false;
    }
    char c = s.charAt(q);
    int t;
    if (c == 'T' || c == '_' || c == ':' || c == '-') {
      t = q + 1;
    } else if (c == ' ' || c == ',') {
      t = skip(s, c == ',' ? q + 1 : q, ' ');
    } else {
      return false;
    }
    boolean dotted = dottedTime && c == '-';
    if (!timeOfDay(s, t, dotted, m)) {
      return false;
    }
    long midnight = TimestampParser.of(year, month, day, 0, 0, 0, 0);
    if (midnight == TimestampParser.NONE) {
      return false;
    }
    m.year = year;
    m.month = month;
    m.day = day;
    return set(m, m.end, kind, midnight + m.timeNanos - m.offsetSeconds * NANOS_PER_SECOND);
  }

  private static boolean timeAlone(String s, int p, long receivedMillis, Match m) {
    if (!timeOfDay(s, p, false, m) || m.end - p < 7) {
      return false; // "12:30" alone is too often something else
    }
    long day = Math.floorDiv(receivedMillis, DAY_MILLIS);
    long nanos = day * DAY_MILLIS * 1_000_000L + m.timeNanos - m.offsetSeconds * NANOS_PER_SECOND;
    if (nanos > (receivedMillis + DAY_MILLIS / 2) * 1_000_000L) {
      nanos -= DAY_MILLIS * 1_000_000L;
    }
    return set(m, m.end, TIME_ONLY, nanos);
  }

  /**
   * {@code H[H]:mm[:ss][(.|,|:)f][ AM|PM][zone]} at q (with {@code .} between fields when {@code
   * dotted}); sets m.end, m.timeNanos, m.offsetSeconds.
   */
  private static boolean timeOfDay(String s, int q, boolean dotted, Match m) {
    int n = s.length();
    char fieldSep = dotted ? '.' : ':';
    int hEnd = digitsEnd(s, q, 3);
    if (hEnd - q < 1 || hEnd - q > 2 || hEnd + 2 >= n || s.charAt(hEnd) != fieldSep) {
      return false;
    }
    if (!digits(s, hEnd + 1, 2)) {
      return false;
    }
    int hour = num(s, q, hEnd - q);
    int minute = num(s, hEnd + 1, 2);
    int second = 0;
    long nano = 0;
    int e = hEnd + 3;
    if (e + 2 < n && s.charAt(e) == fieldSep && digits(s, e + 1, 2)) {
      second = num(s, e + 1, 2);
      e += 3;
      if (e + 1 < n
          && (s.charAt(e) == '.' || s.charAt(e) == ',' || s.charAt(e) == ':')
          && isDigit(s.charAt(e + 1))) {
        boolean colon = s.charAt(e) == ':';
        int fStart = e + 1;
        int fEnd = digitsEnd(s, fStart, 12);
        if (!colon || fEnd - fStart == 3) {
          int digits = 0;
          for (int i = fStart; i < fEnd && digits < 9; i++, digits++) {
            nano = nano * 10 + (s.charAt(i) - '0');
          }
          for (; digits < 9; digits++) {
            nano *= 10;
          }
          e = fEnd;
        }
      }
    }
    // AM / PM
    int a = e < n && s.charAt(e) == ' ' ? e + 1 : e;
    if (a + 1 < n
        && (s.charAt(a) == 'A' || s.charAt(a) == 'P' || s.charAt(a) == 'a' || s.charAt(a) == 'p')
        && (s.charAt(a + 1) == 'M' || s.charAt(a + 1) == 'm')
        && boundaryAt(s, a + 2)) {
      if (hour < 1 || hour > 12) {
        return false;
      }
      boolean pm = s.charAt(a) == 'P' || s.charAt(a) == 'p';
      hour = hour % 12 + (pm ? 12 : 0);
      e = a + 2;
    }
    if (hour > 23 || minute > 59 || second > 60) {
      return false;
    }
    second = Math.min(second, 59);
    m.offsetSeconds = 0;
    e = zone(s, e, m);
    if (e < 0 || !boundaryAt(s, e)) {
      return false;
    }
    m.end = e;
    m.timeNanos = (hour * 3600L + minute * 60L + second) * NANOS_PER_SECOND + nano;
    return true;
  }

  /** An optional zone at e; returns its end (e when none), or -1 when malformed. */
  private static int zone(String s, int e, Match m) {
    int n = s.length();
    if (e >= n) {
      return e;
    }
    int z = e;
    if (s.charAt(z) == ' ' && z + 1 < n) {
      if (s.regionMatches(z + 1, "UTC", 0, 3) || s.regionMatches(z + 1, "GMT", 0, 3)) {
        int after = z + 4;
        if (after >= n || !isLetter(s.charAt(after))) {
          z = after;
          if (z < n && (s.charAt(z) == '+' || s.charAt(z) == '-') && digits(s, z + 1, 2)) {
            return offset(s, z, m);
          }
          return z;
        }
      }
      if ((s.charAt(z + 1) == '+' || s.charAt(z + 1) == '-') && digits(s, z + 2, 4)) {
        return offset(s, z + 1, m); // "... 03:04:05 +0000"
      }
      int abbreviationEnd = z + 1;
      while (abbreviationEnd < n
          && abbreviationEnd - z <= 5
          && isUpper(s.charAt(abbreviationEnd))) {
        abbreviationEnd++;
      }
      if (abbreviationEnd - z >= 4 && boundaryAt(s, abbreviationEnd)) {
        Integer minutes = ZONE_ABBREVIATIONS.get(s.substring(z + 1, abbreviationEnd));
        if (minutes != null) {
          m.offsetSeconds = minutes * 60L; // "... 01:45:01.123 PDT"
          return abbreviationEnd;
        }
      }
      return e;
    }
    char c = s.charAt(z);
    if (c == 'Z' || c == 'z') {
      return z + 1;
    }
    if ((c == '+' || c == '-') && digits(s, z + 1, 2)) {
      return offset(s, z, m);
    }
    return e;
  }

  private static int offset(String s, int z, Match m) {
    int n = s.length();
    char c = s.charAt(z);
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
      return -1;
    }
    m.offsetSeconds = (c == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
    return e;
  }

  private static boolean epoch(String s, int p, int end, Match m) {
    int n = s.length();
    long value = Long.parseLong(s, p, end, 10);
    long nanos;
    int e = end;
    if (end - p == 10) {
      if (value < MIN_EPOCH_SECONDS || value > MAX_EPOCH_SECONDS) {
        return false;
      }
      long frac = 0;
      if (e + 1 < n && s.charAt(e) == '.' && isDigit(s.charAt(e + 1))) {
        int fEnd = digitsEnd(s, e + 1, 12);
        int digits = 0;
        for (int i = e + 1; i < fEnd && digits < 9; i++, digits++) {
          frac = frac * 10 + (s.charAt(i) - '0');
        }
        for (; digits < 9; digits++) {
          frac *= 10;
        }
        e = fEnd;
        if (!boundaryAt(s, e)) {
          return false;
        }
      }
      nanos = value * NANOS_PER_SECOND + frac;
    } else {
      if (value < MIN_EPOCH_SECONDS * 1000 || value > MAX_EPOCH_SECONDS * 1000) {
        return false;
      }
      nanos = value * 1_000_000L;
    }
    return set(m, e, EPOCH, nanos);
  }

  /** Gives a year-less match (time in m.timeNanos, m.offsetSeconds) the nearest year. */
  private static boolean withNearestYear(Match m, int month, int day, long receivedMillis) {
    long timeNanos = m.timeNanos - m.offsetSeconds * NANOS_PER_SECOND;
    int receivedYear = LocalDate.ofEpochDay(Math.floorDiv(receivedMillis, DAY_MILLIS)).getYear();
    long limit = (receivedMillis + TimestampParser.FUTURE_GRACE_MILLIS) * 1_000_000L;
    // Feb 29 may need to go back up to 8 years to a leap year.
    for (int year = receivedYear + 1; year >= receivedYear - 8; year--) {
      long midnight = TimestampParser.of(year, month, day, 0, 0, 0, 0);
      if (midnight != TimestampParser.NONE && midnight + timeNanos <= limit) {
        m.nanos = midnight + timeNanos;
        m.kind = NO_YEAR;
        return m.nanos >= 0;
      }
    }
    return false;
  }

  private static boolean set(Match m, int end, int kind, long nanos) {
    if (nanos == TimestampParser.NONE || nanos < 0) {
      return false;
    }
    m.end = end;
    m.kind = kind;
    m.nanos = nanos;
    return true;
  }

  /** 1-12 for a month name (3 letters or the whole name, any case) at p; m.end after it. */
  static int monthAt(String s, int p, Match m) {
    int month = nameAt(s, p, MONTH_NAMES, m);
    return month + 1;
  }

  /** Index of the name (its first 3 letters, or all of it) at p, or -1; m.end after it. */
  private static int nameAt(String s, int p, String[] names, Match m) {
    int n = s.length();
    if (p + 3 > n) {
      return -1;
    }
    for (int i = 0; i < names.length; i++) {
      String name = names[i];
      if (s.regionMatches(true, p, name, 0, 3)) {
        int end = p + 3;
        if (end < n && isLetter(s.charAt(end))) {
          if (s.regionMatches(true, p, name, 0, name.length())
              && (p + name.length() >= n || !isLetter(s.charAt(p + name.length())))) {
            end = p + name.length();
          } else if (s.charAt(end) == 't' && p + 4 <= n && names == MONTH_NAMES && i == 8) {
            end = p + 4; // "Sept"
          } else {
            continue;
          }
        }
        if (m != null) {
          m.end = end;
        }
        return i;
      }
    }
    return -1;
  }

  private static boolean dateValid(int year, int month, int day) {
    return year >= 1970
        && year <= 2200
        && month >= 1
        && month <= 12
        && day >= 1
        && TimestampParser.of(year, month, day, 0, 0, 0, 0) != TimestampParser.NONE;
  }

  private static boolean isUpperWord(String s, int p, int min, int max) {
    int i = p;
    while (i < s.length() && i - p <= max && s.charAt(i) >= 'A' && s.charAt(i) <= 'Z') {
      i++;
    }
    return i - p >= min && i - p <= max && boundaryAt(s, i);
  }

  private static int wordEnd(String s, int p) {
    while (p < s.length() && isLetter(s.charAt(p))) {
      p++;
    }
    return p;
  }

  private static int skip(String s, int p, char c) {
    while (p < s.length() && s.charAt(p) == c) {
      p++;
    }
    return p;
  }

  /** End of at most {@code max} digits from p. */
  private static int digitsEnd(String s, int p, int max) {
    int i = p;
    int limit = Math.min(s.length(), p + max);
    while (i < limit && isDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean boundaryAt(String s, int i) {
    return i >= s.length() || !Character.isLetterOrDigit(s.charAt(i));
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean digits(String s, int p, int count) {
    return TimestampParser.digits(s, p, count);
  }

  private static int num(String s, int p, int count) {
    return TimestampParser.num(s, p, count);
  }
}
