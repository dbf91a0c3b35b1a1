package io.devlogs.flink.parse;

import io.devlogs.flink.records.Level;

/**
 * Reads syslog lines: RFC 5424 ({@code <165>1 2003-10-11T22:14:15.003Z host app procid msgid [sd]
 * msg}) and RFC 3164 ({@code [<34>]Dec 10 06:55:46 host app[pid]: msg}, no year). PRI gives the
 * level ({@link Level#fromSyslogSeverity}) and the facility (attribute {@code syslog.facility});
 * host, app name, process id and message id become attributes {@code host}, {@code app}, {@code
 * pid}, {@code msgid}; structured-data parameters become {@code <sd-id>.<name>}. Without PRI a line
 * has no level.
 */
final class SyslogLine {

  private static final int MAX_SD_LENGTH = 8192;

  private SyslogLine() {}

  /** Reads a line starting with {@code <}; false when it is not syslog. */
  static boolean readWithPri(String line, long receivedMillis, ParsedLine out) {
    int n = line.length();
    int p = 1;
    int pri = 0;
    while (p < n && p <= 4 && TimestampParser.isDigit(line.charAt(p))) {
      pri = pri * 10 + (line.charAt(p) - '0');
      p++;
    }
    if (p == 1 || p >= n || line.charAt(p) != '>' || pri > 191) {
      return false;
    }
    p++;
    if (p + 1 < n && line.charAt(p) == '1' && line.charAt(p + 1) == ' ') {
      if (!read5424(line, p + 2, receivedMillis, out)) {
        return false;
      }
    } else if (!read3164(line, p, receivedMillis, out)) {
      return false;
    }
    out.level = Level.fromSyslogSeverity(pri & 7);
    out.attributes.put("syslog.facility", Integer.toString(pri >> 3));
    return true;
  }

  /** RFC 3164 from p: timestamp, optional host, optional tag, message. */
  static boolean read3164(String line, int p, long receivedMillis, ParsedLine out) {
    TimestampParser.Match m = new TimestampParser.Match();
    long ts = TimestampParser.atSyslog(line, p, m, receivedMillis);
    if (ts == TimestampParser.NONE) {
      return false;
    }
    int q = hostAndTag(line, m.end, false, out);
    out.format = ParsedLine.SYSLOG_3164;
    out.epochNanos = ts;
    out.message = line.substring(q);
    return true;
  }

  /**
   * RFC 3164 as rsyslog writes it with an RFC 3339 time ({@code 2024-01-02T03:04:05.123+01:00 host
   * app[pid]: msg}); only when both a host and a tag follow the time, so an ordinary timestamped
   * sentence is not taken for syslog.
   */
  static boolean readIsoHeader(String line, long epochNanos, int timeEnd, ParsedLine out) {
    if (line.length() < 20 || line.charAt(10) != 'T') {
      return false;
    }
    char last = line.charAt(timeEnd - 1);
    if (last != 'Z' && line.charAt(timeEnd - 3) != ':' && line.charAt(timeEnd - 5) != '+') {
      return false;
    }
    int q = hostAndTag(line, timeEnd, true, out);
    if (q < 0) {
      return false;
    }
    out.format = ParsedLine.SYSLOG_3164;
    out.epochNanos = epochNanos;
    out.message = line.substring(q);
    return true;
  }

  /**
   * Reads "host tag: " or "tag: " from p (a tag is {@code name:} or {@code name[pid]:}) into
   * attributes {@code host}, {@code app}, {@code pid}; returns where the message starts. With
   * {@code requireBoth}, returns -1 (and records nothing) unless both a host and a tag are there.
   */
  private static int hostAndTag(String line, int p, boolean requireBoth, ParsedLine out) {
    int n = line.length();
    int q = skipSpaces(line, p);
    int tokenEnd = tokenEnd(line, q);
    String host = null;
    if (!isTag(line, q, tokenEnd) && tokenEnd < n) {
      host = line.substring(q, tokenEnd);
      q = skipSpaces(line, tokenEnd);
      tokenEnd = tokenEnd(line, q);
    }
    boolean tag = isTag(line, q, tokenEnd);
    if (!tag && host != null) {
      int spaced = spacedTagEnd(line, q);
      if (spaced > 0) {
        tokenEnd = spaced;
        tag = true;
      }
    }
    if (requireBoth && (host == null || !tag)) {
      return -1;
    }
    if (host != null) {
      out.attributes.put("host", host);
    }
    if (tag) {
      int tagEnd = tokenEnd - 1; // the ':'
      if (line.charAt(tagEnd - 1) == ')') {
        // "sandboxd[129] ([31211]):": the parenthesis names a related process
        int paren = line.lastIndexOf(" (", tagEnd);
        if (paren > q) {
          out.attributes.put("related", line.substring(paren + 2, tagEnd - 1));
          tagEnd = paren + 1;
          while (tagEnd > q && line.charAt(tagEnd - 1) == ' ') {
            tagEnd--;
          }
        }
      }
      int bracket = line.indexOf('[', q);
      if (bracket >= 0 && bracket < tagEnd && line.charAt(tagEnd - 1) == ']') {
        out.attributes.put("app", line.substring(q, bracket));
        out.attributes.put("pid", line.substring(bracket + 1, tagEnd - 1));
      } else {
        out.attributes.put("app", line.substring(q, tagEnd));
      }
      q = skipSpaces(line, tokenEnd);
    }
    return Math.min(q, n);
  }

  private static boolean read5424(String line, int p, long receivedMillis, ParsedLine out) {
    int n = line.length();
    TimestampParser.Match m = new TimestampParser.Match();
    long ts;
    int q;
    if (p < n && line.charAt(p) == '-') {
      ts = TimestampParser.NONE;
      q = p + 1;
    } else {
      ts = TimestampParser.atIsoOrSlashed(line, p, m);
      if (ts == TimestampParser.NONE) {
        return false;
      }
      q = m.end;
    }
    String[] names = {"host", "app", "pid", "msgid"};
    for (String name : names) {
      if (q >= n || line.charAt(q) != ' ') {
        return false;
      }
      q++;
      int end = tokenEnd(line, q);
      if (end == q) {
        return false;
      }
      String value = line.substring(q, end);
      if (!value.equals("-")) {
        out.attributes.put(name, value);
      }
      q = end;
    }
    if (q < n) {
      q++; // the space before structured data
    }
    if (q < n && line.charAt(q) == '-') {
      q++;
    } else {
      while (q < n && line.charAt(q) == '[') {
        int end = readStructuredElement(line, q, out);
        if (end < 0) {
          return false;
        }
        q = end;
      }
    }
    if (q < n && line.charAt(q) == ' ') {
      q++;
    }
    String message = line.substring(Math.min(q, n));
    if (message.startsWith("\uFEFF")) {
      message = message.substring(1);
    }
    out.format = ParsedLine.SYSLOG_5424;
    out.epochNanos = ts;
    out.message = message;
    return true;
  }

  /** {@code [id name="v" ...]} at p; returns the index after ']' or -1. */
  private static int readStructuredElement(String line, int p, ParsedLine out) {
    int n = Math.min(line.length(), p + MAX_SD_LENGTH);
    int q = p + 1;
    while (q < n && line.charAt(q) != ' ' && line.charAt(q) != ']') {
      q++;
    }
    if (q >= n || q == p + 1) {
      return -1;
    }
    String id = line.substring(p + 1, q);
    StringBuilder value = new StringBuilder();
    while (q < n && line.charAt(q) == ' ') {
      q++;
      int nameStart = q;
      while (q < n && line.charAt(q) != '=' && line.charAt(q) != ' ' && line.charAt(q) != ']') {
        q++;
      }
      if (q + 1 >= n || line.charAt(q) != '=') {
        return -1;
      }
      String name = line.substring(nameStart, q);
      value.setLength(0);
      if (line.charAt(q + 1) != '"') {
        // an unquoted value, against RFC 5424 but written by some devices: up to ' ' or ']'
        q++;
        while (q < n && line.charAt(q) != ' ' && line.charAt(q) != ']') {
          value.append(line.charAt(q++));
        }
        out.attributes.put(id + "." + name, value.toString());
        continue;
      }
      q += 2;
      boolean closed = false;
      while (q < n) {
        char c = line.charAt(q++);
        if (c == '\\' && q < n) {
          value.append(line.charAt(q++));
        } else if (c == '"') {
          closed = true;
          break;
        } else {
          value.append(c);
        }
      }
      if (!closed) {
        return -1;
      }
      out.attributes.put(id + "." + name, value.toString());
    }
    return q < n && line.charAt(q) == ']' ? q + 1 : -1;
  }

  /**
   * A tag with spaces ({@code Google Chrome Helper[1234]:}, {@code sandboxd[129] ([31211]):}): the
   * index after its ':' when {@code ]:} or {@code ):} closes it within 64 characters and no other
   * ':' comes before; else -1.
   */
  private static int spacedTagEnd(String line, int q) {
    int limit = Math.min(line.length() - 1, q + 64);
    for (int i = q + 1; i < limit; i++) {
      char c = line.charAt(i);
      if (c == ':') {
        char before = line.charAt(i - 1);
        boolean closes = before == ']' || before == ')';
        return closes && line.charAt(i + 1) == ' ' ? i + 1 : -1;
      }
      if (c == '"' || c == '=') {
        return -1;
      }
    }
    return -1;
  }

  private static boolean isTag(String line, int start, int end) {
    if (end - start < 2 || line.charAt(end - 1) != ':') {
      return false;
    }
    for (int i = start; i < end - 1; i++) {
      char c = line.charAt(i);
      if (c == ':' || c == '"' || c == '=') {
        return false;
      }
    }
    return true;
  }

  static int skipSpaces(String s, int p) {
    while (p < s.length() && s.charAt(p) == ' ') {
      p++;
    }
    return p;
  }

  static int tokenEnd(String s, int p) {
    while (p < s.length() && s.charAt(p) != ' ') {
      p++;
    }
    return p;
  }
}
