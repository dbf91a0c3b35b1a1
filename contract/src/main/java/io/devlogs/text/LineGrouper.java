package io.devlogs.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups the lines of a text body into log events: a continuation line belongs to the event before
 * it, so a multi-line Java or Python stack trace stays with the line that logged it. Pure JDK, no
 * state, no Flink types: ingest splits {@code text/plain} bodies into records with it, and the
 * Flink job reads the lines of a record with it.
 *
 * <p>A line continues the previous event when it
 *
 * <ul>
 *   <li>starts with a space or tab ({@code \tat com.x.Y.run(Y.java:10)}, {@code \t... 3 more},
 *       Python's {@code File "x.py", line 3, in f}),
 *   <li>starts with {@code Caused by:}, {@code Suppressed:}, {@code ... } or {@code Traceback (},
 *   <li>or starts with an exception name ({@code java.lang.IllegalStateException: boom}, {@code
 *       ValueError: bad}): an identifier, dots allowed, ending in {@code Exception}, {@code Error}
 *       or {@code Throwable} after some prefix, followed by {@code :} or the end of the line;
 *   <li>or is the second line of java.util.logging's two-line format: {@code SEVERE: message} (any
 *       JUL level) after a header {@code Jul 30, 2020 3:00:21 PM com.acme.Class method}.
 * </ul>
 *
 * Lines are split on {@code \n}, a trailing {@code \r} is dropped, blank lines are dropped, and a
 * line before any event starts one. An event holds at most {@link #MAX_LINES_PER_EVENT} lines;
 * further continuation lines start a new event, so one endless trace cannot grow without bound.
 */
public final class LineGrouper {

  /** The most lines one event holds. */
  public static final int MAX_LINES_PER_EVENT = 1000;

  private LineGrouper() {}

  /**
   * One event of a text body.
   *
   * @param firstLine the 1-based line number of the event's first line in the body
   * @param text the event's lines joined with {@code \n}
   */
  public record Group(int firstLine, String text) {}

  /** The events of a text body, each its lines joined with {@code \n}. */
  public static List<String> group(String body) {
    List<Group> groups = groups(body);
    List<String> events = new ArrayList<>(groups.size());
    for (Group g : groups) {
      events.add(g.text());
    }
    return events;
  }

  /** The events of a text body, with the line each starts on. */
  public static List<Group> groups(String body) {
    List<Group> events = new ArrayList<>();
    StringBuilder current = null;
    int currentFirstLine = 0;
    int linesInCurrent = 0;
    for (NumberedLine numbered : numberedLines(body)) {
      String line = numbered.text();
      if (current != null
          && linesInCurrent < MAX_LINES_PER_EVENT
          && (isContinuation(line)
              || (linesInCurrent == 1 && isJulRecordLine(line) && isJulHeader(current)))) {
        current.append('\n').append(line);
        linesInCurrent++;
      } else {
        if (current != null) {
          events.add(new Group(currentFirstLine, current.toString()));
        }
        current = new StringBuilder(line);
        currentFirstLine = numbered.number();
        linesInCurrent = 1;
      }
    }
    if (current != null) {
      events.add(new Group(currentFirstLine, current.toString()));
    }
    return events;
  }

  /** The non-blank lines of a body, without line terminators. */
  public static List<String> lines(String body) {
    List<NumberedLine> numbered = numberedLines(body);
    List<String> lines = new ArrayList<>(numbered.size());
    for (NumberedLine line : numbered) {
      lines.add(line.text());
    }
    return lines;
  }

  private record NumberedLine(int number, String text) {}

  /** The non-blank lines split on {@code \n}, a trailing {@code \r} dropped, numbered from 1. */
  private static List<NumberedLine> numberedLines(String body) {
    List<NumberedLine> lines = new ArrayList<>();
    int n = body.length();
    int start = 0;
    int number = 0;
    while (start <= n) {
      int end = body.indexOf('\n', start);
      if (end < 0) {
        end = n;
      }
      number++;
      int stop = end > start && body.charAt(end - 1) == '\r' ? end - 1 : end;
      if (!isBlank(body, start, stop)) {
        lines.add(new NumberedLine(number, body.substring(start, stop)));
      }
      start = end + 1;
    }
    return lines;
  }

  /** Whether a line continues the event before it (see the class comment). */
  public static boolean isContinuation(String line) {
    if (line.isEmpty()) {
      return false;
    }
    char c = line.charAt(0);
    if (c == ' ' || c == '\t') {
      return true;
    }
    if (line.startsWith("Caused by:")
        || line.startsWith("Suppressed:")
        || line.startsWith("... ")
        || line.startsWith("Traceback (")) {
      return true;
    }
    return startsWithExceptionName(line);
  }

  private static final String[] JUL_LEVELS = {
    "SEVERE: ", "WARNING: ", "INFO: ", "CONFIG: ", "FINE: ", "FINER: ", "FINEST: "
  };

  private static boolean isJulRecordLine(String line) {
    for (String level : JUL_LEVELS) {
      if (line.startsWith(level)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code Mon d, yyyy h:mm:ss AM|PM source method}: java.util.logging's SimpleFormatter header.
   */
  public static boolean isJulHeader(CharSequence line) {
    int n = Math.min(line.length(), 1024);
    int comma = -1;
    for (int i = 4; i < Math.min(n, 8); i++) {
      if (line.charAt(i) == ',') {
        comma = i;
        break;
      }
    }
    if (comma < 0 || !Character.isUpperCase(line.charAt(0)) || line.charAt(3) != ' ') {
      return false;
    }
    for (int i = comma + 2; i + 3 < n; i++) {
      if (line.charAt(i) == ' '
          && (line.charAt(i + 1) == 'A' || line.charAt(i + 1) == 'P')
          && line.charAt(i + 2) == 'M'
          && line.charAt(i + 3) == ' ') {
        return i < comma + 20;
      }
    }
    return false;
  }

  private static boolean startsWithExceptionName(String line) {
    int n = Math.min(line.length(), 512);
    int end = 0;
    while (end < n) {
      char c = line.charAt(end);
      if (Character.isLetterOrDigit(c) || c == '.' || c == '$' || c == '_') {
        end++;
      } else {
        break;
      }
    }
    if (end == 0 || !Character.isLetter(line.charAt(0))) {
      return false;
    }
    if (end < line.length() && line.charAt(end) != ':') {
      return false;
    }
    String name = line.substring(0, end);
    for (String suffix : new String[] {"Exception", "Error", "Throwable"}) {
      if (name.endsWith(suffix) && name.length() > suffix.length()) {
        char before = name.charAt(name.length() - suffix.length() - 1);
        return before != '.';
      }
    }
    return false;
  }

  private static boolean isBlank(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isWhitespace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
