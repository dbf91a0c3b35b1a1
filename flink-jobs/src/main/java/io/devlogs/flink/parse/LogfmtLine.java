package io.devlogs.flink.parse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads logfmt ({@code key=value key2="quoted \"value\"" flag}) into an ordered map. A line counts
 * as logfmt when its first token is a pair and it has at least two pairs, more pairs than bare
 * words; anything else is left to the other readers.
 */
final class LogfmtLine {

  private LogfmtLine() {}

  /** The pairs of a logfmt line, or null when the line is not logfmt. */
  static Map<String, String> read(String line) {
    int n = line.length();
    if (n == 0 || !isKeyStart(line.charAt(0))) {
      return null;
    }
    // cheap pre-check: the first token must contain '=' before any space
    int firstEq = -1;
    for (int i = 0; i < n && i < 128; i++) {
      char c = line.charAt(i);
      if (c == '=') {
        firstEq = i;
        break;
      }
      if (!isKeyChar(c)) {
        return null;
      }
    }
    if (firstEq <= 0) {
      return null;
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    int bare = 0;
    int p = 0;
    StringBuilder value = new StringBuilder();
    while (p < n) {
      while (p < n && line.charAt(p) == ' ') {
        p++;
      }
      if (p >= n) {
        break;
      }
      int keyStart = p;
      while (p < n && isKeyChar(line.charAt(p))) {
        p++;
      }
      if (p == keyStart) {
        return null; // a character no key can hold: not logfmt
      }
      String key = line.substring(keyStart, p);
      if (p >= n || line.charAt(p) == ' ') {
        bare++;
        pairs.putIfAbsent(key, "true");
        continue;
      }
      if (line.charAt(p) != '=') {
        return null;
      }
      p++;
      value.setLength(0);
      if (p < n && line.charAt(p) == '"') {
        p++;
        boolean closed = false;
        while (p < n) {
          char c = line.charAt(p++);
          if (c == '\\' && p < n) {
            char e = line.charAt(p++);
            value.append(
                switch (e) {
                  case 'n' -> '\n';
                  case 't' -> '\t';
                  case 'r' -> '\r';
                  default -> e;
                });
          } else if (c == '"') {
            closed = true;
            break;
          } else {
            value.append(c);
          }
        }
        if (!closed) {
          return null;
        }
        if (p < n && line.charAt(p) != ' ') {
          return null;
        }
      } else {
        while (p < n && line.charAt(p) != ' ') {
          value.append(line.charAt(p++));
        }
      }
      pairs.put(key, value.toString());
    }
    int pairCount = pairs.size() - bare;
    return pairCount >= 2 && pairCount > bare ? pairs : null;
  }

  private static boolean isKeyStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '@';
  }

  private static boolean isKeyChar(char c) {
    return isKeyStart(c) || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '/';
  }
}
