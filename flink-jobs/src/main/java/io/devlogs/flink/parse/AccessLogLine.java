package io.devlogs.flink.parse;

import io.devlogs.flink.records.Level;
import java.math.BigDecimal;

/**
 * Reads Apache and nginx access logs in the common or combined format ({@code host ident user
 * [10/Oct/2000:13:55:36 -0700] "GET /a?b=1 HTTP/1.1" 200 2326 "referer" "agent"}), optionally
 * followed by a request duration.
 *
 * <p>Attributes: {@code client.ip}, {@code user}, {@code http.method}, {@code http.path} (without
 * the query), {@code http.query}, {@code http.protocol}, {@code http.status}, {@code http.bytes},
 * {@code http.referer}, {@code http.user_agent}, {@code http.duration_ms}. A trailing duration with
 * a decimal point (or {@code rt=}/{@code request_time=}) is seconds (nginx {@code $request_time});
 * a plain integer is microseconds (Apache {@code %D}). The level follows the status class (5xx
 * ERROR, 4xx WARN, else INFO); the message is the whole line.
 */
final class AccessLogLine {

  private AccessLogLine() {}

  /** False when the line is not an access log line. */
  static boolean read(String line, ParsedLine out) {
    int n = line.length();
    int hostEnd = SyslogLine.tokenEnd(line, 0);
    if (hostEnd == 0 || hostEnd >= n) {
      return false;
    }
    int identEnd = SyslogLine.tokenEnd(line, hostEnd + 1);
    if (identEnd >= n) {
      return false;
    }
    // the user may hold spaces in theory; the time bracket is what anchors the line
    int bracket = line.indexOf(" [", identEnd);
    if (bracket < 0 || bracket > identEnd + 256) {
      return false;
    }
    TimestampParser.Match m = new TimestampParser.Match();
    long ts = TimestampParser.atAccessLog(line, bracket + 2, m);
    if (ts == TimestampParser.NONE || m.end >= n || line.charAt(m.end) != ']') {
      return false;
    }
    int q = m.end + 1;
    if (q + 2 >= n || line.charAt(q) != ' ' || line.charAt(q + 1) != '"') {
      return false;
    }
    int requestEnd = closingQuote(line, q + 2);
    if (requestEnd < 0) {
      return false;
    }
    String request = line.substring(q + 2, requestEnd);
    q = requestEnd + 1;
    if (q + 4 > n
        || line.charAt(q) != ' '
        || !TimestampParser.digits(line, q + 1, 3)
        || (q + 4 < n && line.charAt(q + 4) != ' ')) {
      return false;
    }
    int status = TimestampParser.num(line, q + 1, 3);
    q += 4;
    String bytes = null;
    if (q < n) {
      int bytesEnd = SyslogLine.tokenEnd(line, q + 1);
      bytes = line.substring(q + 1, bytesEnd);
      q = bytesEnd;
    }

    out.attributes.put("client.ip", line.substring(0, hostEnd));
    String user = line.substring(identEnd + 1, bracket);
    if (!user.equals("-")) {
      out.attributes.put("user", user);
    }
    int sp1 = request.indexOf(' ');
    int sp2 = request.lastIndexOf(' ');
    if (sp1 > 0 && sp2 > sp1) {
      out.attributes.put("http.method", request.substring(0, sp1));
      String target = request.substring(sp1 + 1, sp2);
      int question = target.indexOf('?');
      out.attributes.put("http.path", question < 0 ? target : target.substring(0, question));
      if (question >= 0) {
        out.attributes.put("http.query", target.substring(question + 1));
      }
      out.attributes.put("http.protocol", request.substring(sp2 + 1));
    } else if (sp1 > 0) {
      out.attributes.put("http.method", request.substring(0, sp1));
      out.attributes.put("http.path", request.substring(sp1 + 1));
    }
    out.attributes.put("http.status", Integer.toString(status));
    if (bytes != null && !bytes.equals("-") && isDigits(bytes)) {
      out.attributes.put("http.bytes", bytes);
    }
    // optional "referer" "agent", then an optional duration
    for (String name : new String[] {"http.referer", "http.user_agent"}) {
      if (q + 1 < n && line.charAt(q) == ' ' && line.charAt(q + 1) == '"') {
        int end = closingQuote(line, q + 2);
        if (end < 0) {
          break;
        }
        String value = line.substring(q + 2, end);
        if (!value.equals("-") && !value.isEmpty()) {
          out.attributes.put(name, value);
        }
        q = end + 1;
      }
    }
    String duration = durationMillis(line, q);
    if (duration != null) {
      out.attributes.put("http.duration_ms", duration);
    }
    out.format = ParsedLine.ACCESS_LOG;
    out.epochNanos = ts;
    out.level = Level.fromHttpStatus(status);
    out.message = line;
    return true;
  }

  /** The first trailing token that is a duration, in millis; null when there is none. */
  private static String durationMillis(String line, int q) {
    int n = line.length();
    for (int tokens = 0; tokens < 8 && q < n; tokens++) {
      q = SyslogLine.skipSpaces(line, q);
      int end = SyslogLine.tokenEnd(line, q);
      String token = line.substring(q, end);
      q = end;
      boolean seconds = false;
      int eq = token.indexOf('=');
      if (eq > 0) {
        String key = token.substring(0, eq);
        if (!key.equals("rt") && !key.equals("request_time") && !key.equals("duration")) {
          continue;
        }
        token = token.substring(eq + 1).replace("\"", "");
        seconds = true;
      }
      if (token.isEmpty() || token.length() > 20 || !isDecimal(token)) {
        continue;
      }
      BigDecimal value = new BigDecimal(token);
      BigDecimal millis =
          seconds || token.indexOf('.') >= 0
              ? value.movePointRight(3)
              : value.movePointLeft(3); // Apache %D: microseconds
      return millis.stripTrailingZeros().toPlainString();
    }
    return null;
  }

  /** Index of the closing unescaped quote from p, or -1. */
  private static int closingQuote(String s, int p) {
    for (int i = p; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return -1;
  }

  private static boolean isDigits(String s) {
    return !s.isEmpty() && TimestampParser.digits(s, 0, s.length());
  }

  private static boolean isDecimal(String s) {
    int dots = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        dots++;
      } else if (!TimestampParser.isDigit(c)) {
        return false;
      }
    }
    return dots <= 1 && s.charAt(0) != '.';
  }
}
