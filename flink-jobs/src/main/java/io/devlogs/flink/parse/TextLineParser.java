package io.devlogs.flink.parse;

import io.devlogs.flink.records.Level;
import java.util.Map;

/**
 * Detects the format of one text line and reads it, trying cheap first-character checks before any
 * scanning. No regular expressions: every reader is a bounded left-to-right scan, so a hostile line
 * costs time linear in its length.
 *
 * <ul>
 *   <li>{@code <PRI>} first: syslog ({@link SyslogLine}); a month name first: syslog RFC 3164.
 *   <li>A level letter and {@code [yyyy]MMdd hh:mm:ss}: glog/klog ({@code I0102 15:04:05.123 7
 *       file.go:12] msg}).
 *   <li>{@code LEVEL:logger:message}: Python's default logging format.
 *   <li>{@code key=value} pairs: logfmt ({@link LogfmtLine}).
 *   <li>An RFC 3339 time, host and {@code app[pid]:}: syslog as rsyslog writes it.
 *   <li>A header of timestamp, level, pid, {@code [thread]} and {@code logger:} or {@code logger -}
 *       in the orders log4j, logback, Spring Boot, Spark, HDFS, Zookeeper and Python ({@code ts -
 *       name - LEVEL - msg}) write them.
 *   <li>{@code host ident user [dd/MMM/yyyy:...] "request" status bytes}: access logs ({@link
 *       AccessLogLine}).
 *   <li>Any other line, or one of the above without a level, goes to {@link LinePrefix}, which
 *       finds a time in any common notation and a level among the first tokens ({@code detected}).
 *   <li>Anything else is {@code plain}: the whole line is the message.
 * </ul>
 *
 * Not thread-safe: one instance per parsing thread.
 */
final class TextLineParser {

  /** Header tokens looked at before giving up on finding a level or logger. */
  private static final int MAX_HEADER_TOKENS = 12;

  /** Longest {@code [thread]} bracket the header reader accepts. */
  private static final int MAX_BRACKET = 1024;

  private final TimestampParser.Match match = new TimestampParser.Match();

  /** The general reader and its output, made on first use (most lines never need them). */
  private LinePrefix prefix;

  private ParsedLine scratch;

  /** The value of the last {@link #timestampAt} match. */
  private long lastTimestamp;

  /** Reads one line (no line breaks) into {@code out}. */
  void parse(String line, long receivedMillis, ParsedLine out) {
    out.reset();
    out.message = line;
    if (line.isEmpty()) {
      return;
    }
    char c = line.charAt(0);
    if (c == '<' && SyslogLine.readWithPri(line, receivedMillis, out.reset())) {
      return;
    }
    if (isUpper(c) || isLower(c)) {
      if (TimestampParser.month(line, 0) != 0
          && SyslogLine.read3164(line, 0, receivedMillis, out.reset())) {
        return;
      }
      if (readKlog(line, receivedMillis, out.reset())
          || readPythonBasic(line, out.reset())
          || readLogfmt(line, receivedMillis, out.reset())) {
        return;
      }
    }
    if (TimestampParser.isDigit(c) && readCri(line, receivedMillis, out.reset())) {
      return;
    }
    if (readHeader(line, receivedMillis, out.reset())) {
      if (out.level == null && !out.format.equals(ParsedLine.SYSLOG_3164)) {
        // a time but no level: the general reader may find one further on
        if (!prefix().read(line, receivedMillis, scratch().reset()) || scratch.level == null) {
          int start = LinePrefix.sourceLocation(out.message, 0, out);
          out.message = out.message.substring(start).stripLeading();
          return;
        }
        out.copyFrom(scratch);
      }
      return;
    }
    if (AccessLogLine.read(line, out.reset())) {
      return;
    }
    if (prefix().read(line, receivedMillis, out.reset())) {
      return;
    }
    out.reset();
    out.message = line;
  }

  /**
   * The CRI container log format kubelet, containerd and CRI-O write: {@code
   * 2023-06-22T10:27:25.813799277Z stdout F message}. The runtime's time (nanoseconds, with its
   * zone) is the event time; the message is read as a line of its own for its level, logger and
   * attributes; {@code log.iostream} and {@code logtag} ({@code F} full, {@code P} partial) become
   * attributes.
   */
  private boolean readCri(String line, long receivedMillis, ParsedLine out) {
    int n = line.length();
    int space = line.indexOf(' ');
    if (space < 20 || space > 40 || space + 9 > n) {
      return false;
    }
    boolean stdout = line.startsWith("stdout ", space + 1);
    if (!stdout && !line.startsWith("stderr ", space + 1)) {
      return false;
    }
    char tag = line.charAt(space + 8);
    if ((tag != 'F' && tag != 'P') || (space + 9 < n && line.charAt(space + 9) != ' ')) {
      return false;
    }
    long ts = TimestampParser.atIsoOrSlashed(line, 0, match);
    if (ts == TimestampParser.NONE || match.end != space) {
      return false;
    }
    String content = space + 10 <= n ? line.substring(space + 10) : "";
    if (!content.isEmpty() && !(TimestampParser.isDigit(content.charAt(0)) && isCri(content))) {
      parse(content, receivedMillis, out);
    } else {
      out.reset();
      out.message = content;
    }
    out.format = ParsedLine.CRI;
    out.epochNanos = ts;
    out.attributes.put("log.iostream", stdout ? "stdout" : "stderr");
    out.attributes.put("logtag", String.valueOf(tag));
    return true;
  }

  /** Whether a CRI line's content is itself a CRI line (read no deeper than one level). */
  private static boolean isCri(String content) {
    int space = content.indexOf(' ');
    return space > 0
        && (content.startsWith("stdout ", space + 1) || content.startsWith("stderr ", space + 1));
  }

  /** {@code I0102 15:04:05.123456 12345 file.go:12] message}. */
  private boolean readKlog(String line, long receivedMillis, ParsedLine out) {
    char c = line.charAt(0);
    if ((c != 'I' && c != 'W' && c != 'E' && c != 'F' && c != 'D')
        || line.length() < 22
        || !TimestampParser.isDigit(line.charAt(1))) {
      return false;
    }
    long ts = TimestampParser.atKlog(line, 1, match, receivedMillis);
    if (ts == TimestampParser.NONE) {
      ts = TimestampParser.atGlogWithYear(line, 1, match);
    }
    if (ts == TimestampParser.NONE) {
      return false;
    }
    int p = SyslogLine.skipSpaces(line, match.end);
    int pidEnd = SyslogLine.tokenEnd(line, p);
    if (pidEnd > p && TimestampParser.digits(line, p, pidEnd - p)) {
      out.attributes.put("pid", line.substring(p, pidEnd));
      p = SyslogLine.skipSpaces(line, pidEnd);
    }
    int sourceEnd = SyslogLine.tokenEnd(line, p);
    if (sourceEnd > p + 1 && line.charAt(sourceEnd - 1) == ']') {
      out.attributes.put("source", line.substring(p, sourceEnd - 1));
      p = SyslogLine.skipSpaces(line, sourceEnd);
    }
    out.format = ParsedLine.KLOG;
    out.epochNanos = ts;
    out.level = Level.fromText(String.valueOf(c)).orElse(Level.INFO);
    out.message = line.substring(p);
    return true;
  }

  private LinePrefix prefix() {
    if (prefix == null) {
      prefix = new LinePrefix();
    }
    return prefix;
  }

  private ParsedLine scratch() {
    if (scratch == null) {
      scratch = new ParsedLine();
    }
    return scratch;
  }

  /** {@code WARNING:root:message}: Python's {@code logging.basicConfig()} default. */
  private static boolean readPythonBasic(String line, ParsedLine out) {
    int colon = line.indexOf(':');
    if (colon < 4 || colon > 8) {
      return false;
    }
    for (int i = 0; i < colon; i++) {
      if (!isUpper(line.charAt(i))) {
        return false;
      }
    }
    Level level = Level.fromWord(line.substring(0, colon)).orElse(null);
    if (level == null) {
      return false;
    }
    int second = line.indexOf(':', colon + 1);
    if (second <= colon + 1) {
      return false;
    }
    for (int i = colon + 1; i < second; i++) {
      if (line.charAt(i) == ' ') {
        return false;
      }
    }
    out.format = ParsedLine.PYTHON;
    out.level = level;
    out.attributes.put("logger", line.substring(colon + 1, second));
    out.message = line.substring(second + 1);
    return true;
  }

  private static boolean readLogfmt(String line, long receivedMillis, ParsedLine out) {
    Map<String, String> pairs = LogfmtLine.read(line);
    if (pairs == null) {
      return false;
    }
    StructuredFields.fromText(pairs, receivedMillis, out);
    if (out.message.isEmpty()) {
      out.message = line;
    }
    out.format = ParsedLine.LOGFMT;
    return true;
  }

  /**
   * A line led by a timestamp and/or a level, then any of pid, [thread], separators and a logger
   * ending in ':' or followed by ' - ' or ' : '. False when neither a time nor a level is found.
   */
  private boolean readHeader(String line, long receivedMillis, ParsedLine out) {
    int n = line.length();
    long ts = TimestampParser.NONE;
    Level level = null;
    String thread = null;
    String pid = null;
    String logger = null;
    boolean loggerBeforeLevel = false;
    boolean separatorAfterLevel = false;
    int p = 0;
    int messageStart = -1;
    int timeEnd = 0;
    for (int tokens = 0; tokens < MAX_HEADER_TOKENS; tokens++) {
      p = SyslogLine.skipSpaces(line, p);
      if (p >= n) {
        messageStart = n;
        break;
      }
      char c = line.charAt(p);
      if (ts == TimestampParser.NONE && logger == null && thread == null && pid == null) {
        int end = timestampAt(line, p, receivedMillis);
        if (end > 0) {
          ts = lastTimestamp;
          timeEnd = end;
          p = end;
          continue;
        }
      }
      if (tokens == 0 && ts == TimestampParser.NONE && !isUpper(c) && c != '[') {
        return false; // neither a time nor an upper-case level first: not a header
      }
      if (c == '[') {
        int close = closingBracket(line, p);
        if (close < 0) {
          messageStart = p;
          break;
        }
        String content = line.substring(p + 1, close).trim();
        Level bracketLevel = level == null ? levelWord(content, true) : null;
        if (bracketLevel != null) {
          level = bracketLevel;
        } else if (ts == TimestampParser.NONE && level == null) {
          return false;
        } else {
          thread = content;
        }
        p = close + 1;
        continue;
      }
      int end = SyslogLine.tokenEnd(line, p);
      String token = line.substring(p, end);
      if (token.equals("-") || token.equals("|") || token.equals(":") || token.equals("--")) {
        if (level != null) {
          separatorAfterLevel = true;
        }
        p = end;
        continue;
      }
      if (token.equals("---")) {
        p = end;
        continue;
      }
      if (level == null) {
        boolean colon = token.endsWith(":");
        Level tokenLevel =
            levelWord(
                colon ? token.substring(0, token.length() - 1) : token, ts != TimestampParser.NONE);
        if (tokenLevel != null) {
          level = tokenLevel;
          separatorAfterLevel = colon;
          p = end;
          continue;
        }
      }
      if (pid == null
          && (ts != TimestampParser.NONE || level != null)
          && TimestampParser.digits(token, 0, token.length())
          && token.length() <= 10) {
        pid = token;
        p = end;
        continue;
      }
      if (level == null) {
        if (ts != TimestampParser.NONE && logger == null && followedByDash(line, end)) {
          logger = token; // Python: "ts - name - LEVEL - msg"
          loggerBeforeLevel = true;
          p = end;
          continue;
        }
        messageStart = p;
        break;
      }
      if (logger == null && separatorAfterLevel && dots(token) >= 2) {
        int after = loggerSeparatorEnd(line, end);
        if (after > 0) {
          logger = token; // "ts | ERROR | com.example.Service - message"
          messageStart = after;
          break;
        }
      }
      if (logger == null && !separatorAfterLevel) {
        if (token.length() > 1 && token.endsWith(":") && token.indexOf('"') < 0) {
          logger = token.substring(0, token.length() - 1);
          messageStart = end;
          break;
        }
        int after = loggerSeparatorEnd(line, end);
        if (after > 0) {
          logger = token;
          messageStart = after;
          break;
        }
        if (dots(token) >= 2 && isClassName(token) && end < n) {
          logger = token; // "LEVEL nova.compute.manager message", "LEVEL org.acme.Server message"
          messageStart = end;
          break;
        }
      }
      messageStart = p;
      break;
    }
    if (ts == TimestampParser.NONE && level == null) {
      return false;
    }
    if (loggerBeforeLevel && level == null) {
      return false; // "ts - name -" without a level after it: not Python's layout
    }
    if (level == null
        && pid == null
        && thread == null
        && logger == null
        && SyslogLine.readIsoHeader(line, ts, timeEnd, out)) {
      return true;
    }
    if (messageStart < 0) {
      messageStart = p;
    }
    out.epochNanos = ts;
    out.level = level;
    out.format =
        level == null
            ? ParsedLine.TIMESTAMPED
            : loggerBeforeLevel ? ParsedLine.PYTHON : ParsedLine.LOG4J;
    if (pid != null) {
      out.attributes.put("pid", pid);
    }
    if (thread != null) {
      out.attributes.put("thread", thread);
    }
    if (logger != null) {
      out.attributes.put("logger", logger);
    }
    out.message = line.substring(SyslogLine.skipSpaces(line, Math.min(messageStart, n)));
    return true;
  }

  /** End of a timestamp (optionally in brackets) at p, setting {@link #lastTimestamp}; or -1. */
  private int timestampAt(String line, int p, long receivedMillis) {
    boolean bracketed = line.charAt(p) == '[';
    int q = bracketed ? p + 1 : p;
    if (q >= line.length() || !TimestampParser.isDigit(line.charAt(q))) {
      return -1;
    }
    long ts = TimestampParser.atIsoOrSlashed(line, q, match);
    if (ts == TimestampParser.NONE) {
      ts = TimestampParser.atCompact(line, q, match);
    }
    if (ts == TimestampParser.NONE) {
      ts = TimestampParser.atTimeOnly(line, q, match, receivedMillis);
    }
    if (ts == TimestampParser.NONE) {
      return -1;
    }
    int end = match.end;
    if (bracketed) {
      if (end >= line.length() || line.charAt(end) != ']') {
        return -1;
      }
      end++;
    }
    lastTimestamp = ts;
    return end;
  }

  /**
   * A level word; lower-case and capitalised words only when {@code anyCase} (after a timestamp),
   * since a plain sentence may start with "Error".
   */
  private static Level levelWord(String token, boolean anyCase) {
    if (token.length() < 3 || token.length() > 13) {
      return null;
    }
    if (!anyCase) {
      for (int i = 0; i < token.length(); i++) {
        if (!isUpper(token.charAt(i))) {
          return null;
        }
      }
    }
    return Level.fromWord(token).orElse(null);
  }

  /** True when {@code " - "} (or {@code " -"} at the end) follows position p. */
  private static boolean followedByDash(String line, int p) {
    int q = SyslogLine.skipSpaces(line, p);
    return q > p
        && q < line.length()
        && line.charAt(q) == '-'
        && (q + 1 == line.length() || line.charAt(q + 1) == ' ');
  }

  /** After a logger: {@code " - "} or {@code " : "}; the message start, or -1. */
  private static int loggerSeparatorEnd(String line, int p) {
    int q = SyslogLine.skipSpaces(line, p);
    if (q == p || q >= line.length()) {
      return -1;
    }
    char c = line.charAt(q);
    if ((c == '-' || c == ':') && (q + 1 == line.length() || line.charAt(q + 1) == ' ')) {
      return q + 1;
    }
    return -1;
  }

  /** The index of the ']' closing the '[' at p (nesting allowed), or -1. */
  private static int closingBracket(String line, int p) {
    int depth = 0;
    int limit = Math.min(line.length(), p + MAX_BRACKET);
    for (int i = p; i < limit; i++) {
      char c = line.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Letters, digits, {@code _} and {@code $} between dots, starting with a letter. */
  private static boolean isClassName(String token) {
    if (!Character.isLetter(token.charAt(0)) || token.endsWith(".")) {
      return false;
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (!Character.isLetterOrDigit(c) && c != '.' && c != '_' && c != '$') {
        return false;
      }
    }
    return true;
  }

  private static int dots(String token) {
    int dots = 0;
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) == '.') {
        dots++;
      }
    }
    return dots;
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }
}
