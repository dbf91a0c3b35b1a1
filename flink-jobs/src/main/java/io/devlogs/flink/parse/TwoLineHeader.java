package io.devlogs.flink.parse;

import io.devlogs.flink.records.Level;
import io.devlogs.text.LineGrouper;
import java.util.List;

/**
 * Formats that write an event's header on one line and its message on the next:
 *
 * <ul>
 *   <li>java.util.logging's SimpleFormatter: {@code Jul 30, 2020 3:00:21 PM com.acme.Server start}
 *       then {@code INFO: Started}; the second line gives the level and the message, the first the
 *       time, {@code logger} and {@code method};
 *   <li>.NET's console logger: {@code info: Microsoft.Hosting.Lifetime[14]} then the indented
 *       message; the category becomes {@code logger}.
 * </ul>
 */
final class TwoLineHeader {

  private TwoLineHeader() {}

  /**
   * Completes {@code line} (the first line, parsed) from the second line when the event is one of
   * these formats; returns the index of the first line to append to the message as it is.
   */
  static int read(ParsedLine line, List<String> lines) {
    if (lines.size() < 2) {
      return 1;
    }
    String second = lines.get(1);
    if (line.level == null && LineGrouper.isJulHeader(lines.get(0))) {
      int colon = second.indexOf(": ");
      Level level = colon > 0 ? Level.fromWord(second.substring(0, colon)).orElse(null) : null;
      if (level == null) {
        return 1;
      }
      String source = line.message.strip();
      int space = source.indexOf(' ');
      line.attributes.put("logger", space < 0 ? source : source.substring(0, space));
      if (space > 0) {
        line.attributes.put("method", source.substring(space + 1));
      }
      line.level = level;
      line.message = second.substring(colon + 2);
      return 2;
    }
    String category = line.message.strip();
    if (line.level != null
        && isEventCategory(category)
        && !second.isEmpty()
        && (second.charAt(0) == ' ' || second.charAt(0) == '\t')) {
      line.attributes.putIfAbsent("logger", category);
      line.message = second.strip();
      return 2;
    }
    return 1;
  }

  /** {@code Name.Space.Type[eventId]}, as .NET writes a category and event id. */
  private static boolean isEventCategory(String s) {
    int open = s.lastIndexOf('[');
    return open > 0
        && s.endsWith("]")
        && s.indexOf(' ') < 0
        && open + 2 <= s.length() - 1
        && TimestampParser.digits(s, open + 1, s.length() - open - 2);
  }
}
