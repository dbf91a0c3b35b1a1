package io.devlogs.flink.parse;

import io.devlogs.flink.records.Level;
import java.util.Set;

/**
 * Reads the prefix of a line of no known shape: a timestamp anywhere in the first {@link
 * #TIME_WINDOW} characters in any notation {@link LooseTimestamp} knows, a level among the header
 * tokens around it, and the message as what remains after them. The fallback of {@link
 * TextLineParser} for lines its fast paths do not read, or read without a level.
 *
 * <p><b>Timestamp.</b> Of the candidates that start a token in the window, a date with a time beats
 * epoch digits, which beat a time alone; a candidate after white space or a bracket beats one
 * inside a word (a file name such as {@code app.log.2017-05-16_13:53:08}). A date alone ({@code
 * 2005.06.04}) gives its year to a year-less date-time later in the line, or its date to a time
 * alone.
 *
 * <p><b>Level.</b> Among the first {@link #MAX_TOKENS} tokens: a bracketed word ({@code [error]},
 * {@code [core:error]}, {@code [INFO ]}, {@code (WARN)}), a {@code level=} pair, an upper-case word
 * ({@code SEVERE}, {@code app.ERROR:}), a word with a colon ({@code fail:}), any word right after
 * the timestamp ({@code , Info}), a single letter where logcat writes it (after the pid and tid, or
 * {@code E/Tag(pid):}), Redis's mark ({@code * . - #}). Before the level at most {@link
 * #MAX_SKIPPED_WORDS} other words may stand (host, node, component), only one with lower-case
 * letters, so a sentence that merely contains "ERROR" keeps its level. Words are mapped to levels
 * by {@link Level#fromText}; {@code ALL} and {@code CONFIG} are too common in prose to count here.
 *
 * <p><b>Message.</b> After the level and an optional {@code logger:} or {@code logger -}; without a
 * level, after the timestamp and the numbers, brackets and separators that follow it. A line whose
 * fields are separated by {@code |} right after the time has its message in the first field holding
 * a space. Work is bounded: the scan looks at no more than {@link #HEADER_WINDOW} characters
 * whatever the line's length.
 *
 * <p>Not thread-safe: one instance per parsing thread.
 */
final class LinePrefix {

  /** A timestamp must start within this many characters. */
  static final int TIME_WINDOW = 80;

  /** A level must start within this many characters. */
  static final int HEADER_WINDOW = 160;

  /** The scans look no further than this into a line. */
  static final int SCAN_LIMIT = 512;

  static final int MAX_TOKENS = 16;
  static final int MAX_SKIPPED_WORDS = 4;
  private static final int MAX_BRACKET = 256;
  private static final int MAX_LOGGER = 100;
  private static final long DAY_NANOS = 86_400_000_000_000L;

  private static final Set<String> PROSE_WORDS = Set.of("ALL", "CONFIG");
  private static final Set<String> LEVEL_KEYS =
      Set.of("level", "lvl", "severity", "loglevel", "log.level", "levelname", "priority");

  private final LooseTimestamp.Match match = new LooseTimestamp.Match();

  /** The whole line being read (the scans look at its first {@link #SCAN_LIMIT} characters). */
  private String full;

  /** The ']' of the bracket holding the time while the scan is inside it, else -1. */
  private int groupClose;

  /** Where a level glued to its colon ended ({@code DEBUG:message}), set by {@link #wordLevel}. */
  private int gluedEnd;

  private int tsStart;
  private int tsEnd;
  private long tsNanos;

  /** Reads {@code line} into {@code out}; false when neither a time nor a level is found. */
  boolean read(String fullLine, long receivedMillis, ParsedLine out) {
    // every scan below looks at the head only, so a line of any length costs the same
    String line = fullLine.length() > SCAN_LIMIT ? fullLine.substring(0, SCAN_LIMIT) : fullLine;
    full = fullLine;
    int n = line.length();
    boolean timed = findTimestamp(line, receivedMillis);
    int p = 0;
    int tokens = 0;
    int skippedWords = 0;
    int skippedLower = 0;
    int afterTimeWords = 0;
    boolean previousNumber = false;
    boolean numbersSinceTime = false;
    int headerEnd = timed ? tsEnd : 0;
    boolean headerOpen = timed; // still extending the header run after the time
    boolean pipes = timed && tsEnd < n && line.charAt(tsEnd) == '|';
    int pipeMessage = -1;
    groupClose = -1;
    Level leadingLetter = null;
    int limit = Math.min(n, HEADER_WINDOW);
    while (tokens < MAX_TOKENS) {
      p = skipBlanks(line, p, pipes);
      if (p >= limit) {
        break;
      }
      tokens++;
      if (groupClose >= 0 && p >= groupClose) {
        // leaving the bracket that holds the time: "[2024-01-02 03:04:05 #123]"
        p = groupClose + 1;
        groupClose = -1;
        if (headerOpen) {
          headerEnd = p;
        }
        continue;
      }
      if (timed && p >= tsStart && p < tsEnd) {
        p = tsEnd;
        if (headerOpen) {
          headerEnd = p;
        }
        continue;
      }
      boolean pastTime = timed && p >= tsEnd;
      char c = line.charAt(p);
      int end;
      Level level = null;
      boolean word = false;
      boolean number = false;
      gluedEnd = -1;
      if (c == '[' || c == '(' || c == '<' || c == '{') {
        int close = closing(line, p);
        if (close < 0) {
          break;
        }
        end = close + 1;
        if (timed && tsStart > p && tsStart < close) {
          groupClose = close; // step into the bracket that holds the time
          p = p + 1;
          continue;
        }
        level = bracketLevel(line, p + 1, close);
      } else {
        end = tokenEnd(line, p, pipes);
        if (groupClose >= 0 && end > groupClose) {
          end = groupClose;
        }
        if (timed && p < tsStart && end > tsStart) {
          end = tsStart; // a word glued to the time: "MainThread::2011-12-05 ..."
        }
        int logcat = logcatBrief(line, p, end);
        if (logcat >= 0 && (tokens <= 1 || pastTime)) {
          int paren = line.indexOf('(', p);
          int tagEnd = paren > p && paren < logcat ? paren : logcat - 1;
          out.attributes.put("logger", line.substring(p + 2, tagEnd).trim());
          return finish(
              line,
              out,
              timed,
              Level.fromText(line.substring(p, p + 1)).orElse(null),
              logcat,
              true);
        }
        if (pipes && spaceInField(line, p)) {
          pipeMessage = p; // the first '|' field with a space: the message
          break;
        }
        int ws = stripEnd(line, p, end);
        int wStart = stripStart(line, p, ws);
        if (wStart >= ws) {
          // punctuation only: "-", "|", "--", ":"
          if (pastTime && ws - p == 1 && afterTimeWords == 0 && isRedisLine(line)) {
            level = redisMark(c);
          }
        } else if (isNumber(line, wStart, ws)) {
          number = true;
          if (pastTime) {
            numbersSinceTime = true;
          }
        } else {
          word = true;
          if (ws - wStart == 1 && tokens == 1 && timed && tsStart > p && tsStart <= end + 3) {
            // CUPS "E [04/Nov/2010:...]", Ruby "E, [2024-...]": a letter led by the time
            leadingLetter = Level.fromText(line.substring(wStart, ws)).orElse(null);
            p = end;
            continue;
          }
          level =
              wordLevel(
                  line,
                  wStart,
                  ws,
                  end,
                  pastTime && afterTimeWords == 0,
                  pastTime && previousNumber);
          if (level == null && pastTime && afterTimeWords == 0 && !numbersSinceTime) {
            int component = mongoComponent(line, wStart, ws);
            if (component > 0) {
              level = Level.fromText(line.substring(wStart, ws)).orElse(null);
              out.attributes.put("component", line.substring(ws, component).trim());
              end = component;
            }
          }
          if (level != null && gluedEnd > 0) {
            end = gluedEnd;
          }
          if (level != null && ws - wStart == 1 && pastTime && previousNumber) {
            // logcat threadtime "pid tid L tag: message": the tag runs to the first ": "
            int colon = line.indexOf(": ", end);
            if (colon > end && colon - end <= MAX_LOGGER) {
              out.attributes.put("logger", line.substring(end, colon).trim());
              return finish(line, out, timed, level, colon + 1, true);
            }
          }
        }
      }
      previousNumber = number;
      if (level != null
          && (timed ? skippedWords <= MAX_SKIPPED_WORDS && skippedLower <= 1 : skippedWords == 0)) {
        return finish(line, out, timed, level, end, false);
      }
      if (word && (pastTime || !timed)) {
        skippedWords++; // words before the time (a file name, a container) are its prefix
        if (hasLower(line, p, end)) {
          skippedLower++;
        }
      }
      if (word) {
        if (pastTime) {
          afterTimeWords++;
          headerOpen = false;
        }
      }
      if (headerOpen && pastTime) {
        headerEnd = end;
      }
      p = end;
    }
    if (!timed) {
      return false;
    }
    int start;
    if (pipeMessage >= 0) {
      start = pipeMessage;
    } else if (leadingLetter == null && wordBefore(line, tsStart)) {
      start = 0;
    } else {
      start = sourceLocation(line, skipSeparators(line, Math.min(headerEnd, n)), out);
    }
    out.format = ParsedLine.DETECTED;
    out.epochNanos = tsNanos;
    out.level = leadingLetter;
    out.message = full.substring(skipSeparators(line, Math.min(start, n)));
    return true;
  }

  /** Level found; the message starts after {@code end} and an optional logger. */
  private boolean finish(
      String line, ParsedLine out, boolean timed, Level level, int end, boolean loggerDone) {
    out.format = ParsedLine.DETECTED;
    out.epochNanos = timed ? tsNanos : TimestampParser.NONE;
    out.level = level;
    int p;
    if (groupClose >= 0 && end <= groupClose) {
      // "[2017-11-09T02:12:24Z ERROR main] message": the rest of the bracket names the logger
      String rest = line.substring(end, groupClose).trim();
      if (!rest.isEmpty()) {
        out.attributes.put("logger", rest);
      }
      p = skipSeparators(line, groupClose + 1);
    } else {
      boolean levelColon = end > 0 && line.charAt(end - 1) == ':';
      p = skipSeparators(line, end);
      if (!loggerDone) {
        p = afterLevel(line, p, !levelColon, out);
      }
    }
    out.message = full.substring(Math.min(p, line.length()));
    return true;
  }

  /**
   * The header fields that may follow a level, read into attributes: brackets ({@code [pid 17962]}
   * as {@code pid}, {@code [client 10.0.0.1:5000]} as {@code client}, the first other one as {@code
   * logger}, more as {@code context}), nginx's {@code pid#tid:} and {@code *connection}, and one
   * logger ({@link #logger}) unless the level ended with a colon ({@code LOG: duration: 3 ms} keeps
   * its {@code duration:}); returns where the message starts.
   */
  private static int afterLevel(String line, int p, boolean namedLogger, ParsedLine out) {
    int n = line.length();
    boolean loggerFound = false;
    for (int fields = 0; fields < 5 && p < n; fields++) {
      char c = line.charAt(p);
      if (c == '[') {
        int close = closing(line, p);
        if (close < 0 || close - p > 64) {
          break;
        }
        String content = line.substring(p + 1, close).trim();
        if (content.startsWith("pid ")) {
          out.attributes.put("pid", content.substring(4).trim());
        } else if (content.startsWith("client ")) {
          out.attributes.put("client", content.substring(7).trim());
        } else if (!loggerFound && isLoggerName(content, 0, content.length())) {
          int q = skipSeparators(line, close + 1);
          int dotted = dottedName(line, q);
          if (dotted > 0) {
            out.attributes.put("thread", content);
            out.attributes.put("logger", line.substring(q, dotted));
            close = dotted - 1;
          } else {
            out.attributes.put("logger", content);
          }
          loggerFound = true;
        } else if (!content.isEmpty()) {
          out.attributes.putIfAbsent("context", content);
        }
        p = skipSeparators(line, close + 1);
        continue;
      }
      int nginx = nginxProcess(line, p, out);
      if (nginx > p) {
        p = skipSeparators(line, nginx);
        continue;
      }
      if (!loggerFound && namedLogger) {
        int q = logger(line, p, out);
        if (q > p) {
          loggerFound = true;
          p = q;
          continue;
        }
      }
      break;
    }
    return p;
  }

  /** nginx's {@code 31#31: *1 } (pid, thread, connection) at p: its end, or p. */
  private static int nginxProcess(String line, int p, ParsedLine out) {
    int n = line.length();
    int e = p;
    while (e < n && e - p < 24 && line.charAt(e) != ' ') {
      e++;
    }
    int hash = line.indexOf('#', p);
    if (e - p < 4
        || hash <= p
        || hash >= e - 2
        || line.charAt(e - 1) != ':'
        || !TimestampParser.digits(line, p, hash - p)
        || !TimestampParser.digits(line, hash + 1, e - hash - 2)) {
      return p;
    }
    out.attributes.put("pid", line.substring(p, hash));
    out.attributes.put("tid", line.substring(hash + 1, e - 1));
    int q = e;
    while (q < n && line.charAt(q) == ' ') {
      q++;
    }
    if (q + 1 < n && line.charAt(q) == '*' && TimestampParser.isDigit(line.charAt(q + 1))) {
      int c = q + 1;
      while (c < n && TimestampParser.isDigit(line.charAt(c))) {
        c++;
      }
      if (c == n || line.charAt(c) == ' ') {
        out.attributes.put("connection", line.substring(q + 1, c));
        return c;
      }
    }
    return e;
  }

  /**
   * MongoDB before 4.4: a severity letter right after the time, then a component in capitals or
   * {@code -} ({@code I NETWORK [conn2] ...}); the end of the component, or -1.
   */
  private static int mongoComponent(String line, int a, int b) {
    if (b - a != 1 || "DIWEF".indexOf(line.charAt(a)) < 0 || b >= line.length()) {
      return -1;
    }
    int p = b;
    while (p < line.length() && line.charAt(p) == ' ') {
      p++;
    }
    int e = p;
    while (e < line.length() && line.charAt(e) != ' ') {
      e++;
    }
    if (e == p || e - p > 16) {
      return -1;
    }
    boolean dash = e - p == 1 && line.charAt(p) == '-';
    return dash || allUpper(line, p, e) ? e : -1;
  }

  /**
   * A source location before a message without a level ({@code /a/b/c/d.go:23: message}) becomes
   * the attribute {@code source}; returns where the message starts.
   */
  static int sourceLocation(String line, int p, ParsedLine out) {
    int n = line.length();
    int e = p;
    while (e < n && e - p < MAX_LOGGER && line.charAt(e) != ' ') {
      e++;
    }
    if (e - p < 5 || line.charAt(e - 1) != ':') {
      return p;
    }
    int colon = line.lastIndexOf(':', e - 2);
    if (colon <= p
        || !TimestampParser.digits(line, colon + 1, e - colon - 2)
        || line.lastIndexOf('.', colon) <= p) {
      return p;
    }
    out.attributes.put("source", line.substring(p, e - 1));
    return e;
  }

  /**
   * An optional logger at p: {@code logger:}, {@code logger -}, a bracketed name ({@code
   * [o.e.n.Node ]}, optionally followed by a dotted class name, when the bracket is the thread:
   * {@code [localhost-startStop-1] org.apache.catalina.startup.HostConfig.deployDirectory}) or a
   * class name with two dots or more; returns where the message starts.
   */
  private static int logger(String line, int p, ParsedLine out) {
    int n = line.length();
    int end = p;
    int limit = Math.min(n, p + MAX_LOGGER);
    while (end < limit && line.charAt(end) != ' ' && line.charAt(end) != '"') {
      end++;
    }
    if (end == p || end >= limit && end < n) {
      return p;
    }
    if (end - p > 1
        && line.charAt(end - 1) == ':'
        && isLoggerName(line, p, end - 1)
        && !isCode(line, p, end - 1)) {
      out.attributes.put("logger", line.substring(p, end - 1));
      return skipSeparators(line, end);
    }
    int q = end;
    while (q < n && line.charAt(q) == ' ') {
      q++;
    }
    if (q > end
        && q + 1 < n
        && (line.charAt(q) == '-' || line.charAt(q) == ':')
        && line.charAt(q + 1) == ' '
        && isLoggerName(line, p, end)) {
      out.attributes.put("logger", line.substring(p, end));
      return skipSeparators(line, q + 1);
    }
    int dotted = dottedName(line, p);
    if (dotted > 0) {
      out.attributes.put("logger", line.substring(p, dotted));
      return skipSeparators(line, dotted);
    }
    return p;
  }

  /**
   * The end of a class or module name with two dots or more at p ({@code
   * org.apache.catalina.core.StandardService}, {@code nova.compute.manager}) followed by a space
   * and more text, or -1.
   */
  private static int dottedName(String line, int p) {
    int n = line.length();
    if (p >= n || !Character.isLetter(line.charAt(p))) {
      return -1;
    }
    int dots = 0;
    int e = p;
    while (e < n && e - p <= MAX_LOGGER) {
      char c = line.charAt(e);
      if (c == '.') {
        if (e + 1 >= n || !Character.isLetterOrDigit(line.charAt(e + 1))) {
          return -1;
        }
        dots++;
      } else if (!Character.isLetterOrDigit(c) && c != '_' && c != '$') {
        break;
      }
      e++;
    }
    return dots >= 2 && e + 1 < n && line.charAt(e) == ' ' ? e : -1;
  }

  /** An error code such as Apache's {@code AH00163}: capitals and digits only. */
  private static boolean isCode(String s, int p, int end) {
    boolean digit = false;
    for (int i = p; i < end; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c < 'A' || c > 'Z') {
        return false;
      }
    }
    return digit;
  }

  private static boolean isLoggerName(String s, int p, int end) {
    if (end <= p || !Character.isLetter(s.charAt(p))) {
      return false;
    }
    for (int i = p; i < end; i++) {
      char c = s.charAt(i);
      if (!Character.isLetterOrDigit(c) && ".-_$/#[]()@:".indexOf(c) < 0) {
        return false;
      }
    }
    return !(end - p >= 4 && s.regionMatches(true, p, "http", 0, 4));
  }

  /** Sets tsStart, tsEnd, tsNanos to the best timestamp in the window; false when none. */
  private boolean findTimestamp(String line, long receivedMillis) {
    int n = line.length();
    int limit = Math.min(n, TIME_WINDOW);
    int bestScore = -1;
    int yearHint = 0;
    long dateNanos = TimestampParser.NONE;
    for (int p = 0; p < limit; p++) {
      char c = line.charAt(p);
      boolean digit = c >= '0' && c <= '9';
      if (!digit && !isAsciiLetter(c)) {
        continue;
      }
      if (p > 0 && Character.isLetterOrDigit(line.charAt(p - 1))) {
        continue;
      }
      if (!LooseTimestamp.at(line, p, receivedMillis, yearHint, match)) {
        p = skipWord(line, p) - 1;
        continue;
      }
      int kind = match.kind;
      if (kind == LooseTimestamp.DATE_ONLY) {
        yearHint = match.year;
        dateNanos = match.nanos;
        p = match.end - 1;
        continue;
      }
      long nanos = match.nanos;
      if (kind == LooseTimestamp.TIME_ONLY && dateNanos != TimestampParser.NONE) {
        nanos = dateNanos + Math.floorMod(nanos, DAY_NANOS);
        kind = LooseTimestamp.FULL;
      }
      int score = kind * 2 + (standalone(line, p) ? 1 : 0);
      if (score > bestScore) {
        bestScore = score;
        tsStart = p;
        tsEnd = match.end;
        tsNanos = nanos;
        if (score == LooseTimestamp.FULL * 2 + 1) {
          break;
        }
      }
      p = match.end - 1;
    }
    return bestScore >= 0;
  }

  private static boolean standalone(String line, int p) {
    if (p == 0) {
      return true;
    }
    char c = line.charAt(p - 1);
    return c == ' ' || c == '\t' || c == '[' || c == '(' || c == '<' || c == '"' || c == '|'
        || c == '=' || c == ',' || c == '\'';
  }

  /** A level named by a bracket's content: {@code error}, {@code INFO }, {@code core:error}. */
  private static Level bracketLevel(String line, int from, int to) {
    int a = from;
    int b = to;
    while (a < b && line.charAt(a) == ' ') {
      a++;
    }
    while (b > a && line.charAt(b - 1) == ' ') {
      b--;
    }
    if (b - a < 1 || b - a > 24) {
      return null;
    }
    int colon = line.lastIndexOf(':', b - 1);
    if (colon >= a && colon < b - 1) {
      a = colon + 1; // Apache 2.4 "[module:level]"
    }
    if (b - a == 1) {
      // Gitea "[I]", "[E]"; not "[A]", too often a list marker
      return "VDIWEF".indexOf(line.charAt(a)) >= 0
          ? Level.fromText(line.substring(a, b)).orElse(null)
          : null;
    }
    return level(line.substring(a, b), true);
  }

  /**
   * The level of a word token [a, b) (the raw token ends at {@code end}); {@code first}: the first
   * word after the time; {@code afterNumbers}: a number stands right before it, after the time.
   */
  private Level wordLevel(String line, int a, int b, int end, boolean first, boolean afterNumbers) {
    int glued = line.indexOf(':', a);
    if (glued > a + 2 && glued < b && allUpper(line, a, glued)) {
      Level level = level(line.substring(a, glued), false); // "DEBUG:message"
      if (level != null) {
        gluedEnd = glued + 1;
        return level;
      }
    }
    int eq = line.indexOf('=', a);
    if (eq > a && eq < b) {
      String key = line.substring(a, eq).toLowerCase(java.util.Locale.ROOT);
      if (!LEVEL_KEYS.contains(key)) {
        return null;
      }
      int v = eq + 1;
      int w = b;
      if (v < w && line.charAt(v) == '"') {
        v++;
      }
      if (w > v && line.charAt(w - 1) == '"') {
        w--;
      }
      return w > v ? Level.fromText(line.substring(v, w)).orElse(null) : null;
    }
    if (b - a == 1) {
      // logcat threadtime: "pid tid L tag: message"
      return afterNumbers ? Level.fromText(line.substring(a, b)).orElse(null) : null;
    }
    if (b - a > 13) {
      int dot = line.lastIndexOf('.', b - 1);
      return dot > a && b - dot - 1 <= 13 && allUpper(line, dot + 1, b)
          ? level(line.substring(dot + 1, b), false)
          : null;
    }
    if (allUpper(line, a, b)) {
      return level(line.substring(a, b), false);
    }
    int dot = line.lastIndexOf('.', b - 1);
    if (dot > a && allUpper(line, dot + 1, b)) {
      return level(line.substring(dot + 1, b), false); // Monolog "app.ERROR:"
    }
    boolean colon = b < end && line.charAt(b) == ':';
    return first || colon ? level(line.substring(a, b), true) : null;
  }

  private static Level level(String word, boolean anyCase) {
    if (word.length() < 3 || (!anyCase && PROSE_WORDS.contains(word))) {
      return null;
    }
    if (PROSE_WORDS.contains(word.toUpperCase(java.util.Locale.ROOT))) {
      return null;
    }
    return Level.fromWord(word).orElse(null);
  }

  /** {@code E/Tag( 123): } or {@code E/Tag: } at p: the end of the header, or -1. */
  private static int logcatBrief(String line, int p, int end) {
    if (end - p < 3 || line.charAt(p + 1) != '/' || "VDIWEFA".indexOf(line.charAt(p)) < 0) {
      return -1;
    }
    int colon = line.indexOf("): ", p);
    if (colon > 0 && colon < p + MAX_LOGGER) {
      return colon + 2;
    }
    colon = line.indexOf(": ", p);
    return colon > 0 && colon < p + MAX_LOGGER ? colon + 1 : -1;
  }

  /**
   * Redis: {@code pid:role dd Mon yyyy HH:mm:ss.SSS <mark> message}, or before 3.0 {@code [pid] dd
   * Mon HH:mm:ss.SSS <mark> message}.
   */
  private static boolean isRedisLine(String line) {
    if (line.startsWith("[")) {
      int close = line.indexOf("] ");
      return close > 1 && close < 12 && TimestampParser.digits(line, 1, close - 1);
    }
    int i = 0;
    while (i < line.length() && i < 10 && Character.isDigit(line.charAt(i))) {
      i++;
    }
    return i > 0
        && i + 2 < line.length()
        && line.charAt(i) == ':'
        && "MSCX".indexOf(line.charAt(i + 1)) >= 0
        && line.charAt(i + 2) == ' ';
  }

  private static Level redisMark(char c) {
    String word =
        switch (c) {
          case '.' -> "debug";
          case '-' -> "verbose";
          case '*' -> "notice";
          case '#' -> "warning";
          default -> null;
        };
    return word == null ? null : Level.fromWord(word).orElse(null);
  }

  /** Whether a letter or digit stands before position {@code end}. */
  private static boolean wordBefore(String line, int end) {
    for (int i = 0; i < end; i++) {
      if (Character.isLetterOrDigit(line.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Whether the '|'-separated field starting at p holds a space. */
  private static boolean spaceInField(String line, int p) {
    int pipe = line.indexOf('|', p);
    int space = line.indexOf(' ', p);
    return space >= 0 && (pipe < 0 || space < pipe);
  }

  /** A pid, {@code pid#tid}, {@code pid:M} (Redis) or a decimal; not an IP address. */
  private static boolean isNumber(String s, int a, int b) {
    int digits = 0;
    int dots = 0;
    for (int i = a; i < b; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '.') {
        dots++;
      } else if (c != '#' && c != ':' && !(i == b - 1 && i > a && isAsciiLetter(c))) {
        return false;
      }
    }
    return digits > 0 && dots <= 1;
  }

  private static boolean allUpper(String s, int a, int b) {
    if (b - a < 3) {
      return false;
    }
    for (int i = a; i < b; i++) {
      char c = s.charAt(i);
      if (c < 'A' || c > 'Z') {
        return false;
      }
    }
    return true;
  }

  private static boolean hasLower(String s, int a, int b) {
    for (int i = a; i < b; i++) {
      char c = s.charAt(i);
      if (c >= 'a' && c <= 'z') {
        return true;
      }
    }
    return false;
  }

  /** The index of the bracket closing the one at p (nesting allowed), or -1. */
  private static int closing(String line, int p) {
    char open = line.charAt(p);
    char close = open == '[' ? ']' : open == '(' ? ')' : open == '<' ? '>' : '}';
    int depth = 0;
    int limit = Math.min(line.length(), p + MAX_BRACKET);
    for (int i = p; i < limit; i++) {
      char c = line.charAt(i);
      if (c == open) {
        depth++;
      } else if (c == close && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Strips trailing punctuation from [p, end). */
  private static int stripEnd(String s, int p, int end) {
    while (end > p && ":,;|-]>)".indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return end;
  }

  private static int stripStart(String s, int p, int end) {
    while (p < end && "-|[<(*#.:,".indexOf(s.charAt(p)) >= 0) {
      p++;
    }
    return p;
  }

  private static int tokenEnd(String s, int p, boolean pipes) {
    int n = s.length();
    while (p < n) {
      char c = s.charAt(p);
      if (c == ' ' || c == '\t' || (pipes && c == '|')) {
        break;
      }
      p++;
    }
    return p;
  }

  private static int skipBlanks(String s, int p, boolean pipes) {
    while (p < s.length()) {
      char c = s.charAt(p);
      if (c != ' ' && c != '\t' && !(pipes && c == '|')) {
        break;
      }
      p++;
    }
    return p;
  }

  /** Skips blanks and separator tokens ({@code -}, {@code --}, {@code |}, {@code :}, {@code ,}). */
  static int skipSeparators(String s, int p) {
    int n = s.length();
    while (p < n) {
      char c = s.charAt(p);
      if (c == ' ' || c == '\t' || c == ',' || c == '|') {
        p++;
      } else if ((c == '-' || c == ':')
          && (p + 1 >= n || s.charAt(p + 1) == ' ' || s.charAt(p + 1) == c)) {
        p++;
      } else {
        break;
      }
    }
    return p;
  }

  private static int skipWord(String s, int p) {
    while (p < s.length() && Character.isLetterOrDigit(s.charAt(p))) {
      p++;
    }
    return p;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
