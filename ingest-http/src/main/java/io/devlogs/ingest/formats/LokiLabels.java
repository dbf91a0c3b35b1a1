package io.devlogs.ingest.formats;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses a Prometheus label set as Loki's protobuf carries it: {@code {job="x", env="a\"b"}}. */
final class LokiLabels {

  private LokiLabels() {}

  /**
   * @throws IllegalArgumentException naming what is malformed
   */
  static Map<String, String> parse(String text) {
    Map<String, String> labels = new LinkedHashMap<>();
    String s = text.strip();
    if (!s.startsWith("{") || !s.endsWith("}")) {
      throw new IllegalArgumentException("expected {name=\"value\", ...}");
    }
    int i = 1;
    int end = s.length() - 1;
    while (true) {
      i = skipSpaces(s, i, end);
      if (i >= end) {
        return labels;
      }
      int eq = s.indexOf('=', i);
      if (eq < 0 || eq >= end) {
        throw new IllegalArgumentException("a label without '='");
      }
      String name = s.substring(i, eq).strip();
      if (name.isEmpty()) {
        throw new IllegalArgumentException("a label without a name");
      }
      i = skipSpaces(s, eq + 1, end);
      if (i >= end || s.charAt(i) != '"') {
        throw new IllegalArgumentException("the value of label '" + name + "' is not quoted");
      }
      StringBuilder value = new StringBuilder();
      i++;
      while (i < end && s.charAt(i) != '"') {
        char c = s.charAt(i);
        if (c == '\\' && i + 1 < end) {
          char next = s.charAt(++i);
          value.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
        } else {
          value.append(c);
        }
        i++;
      }
      if (i >= end) {
        throw new IllegalArgumentException("the value of label '" + name + "' is not closed");
      }
      labels.put(name, value.toString());
      i = skipSpaces(s, i + 1, end);
      if (i < end && s.charAt(i) == ',') {
        i++;
      } else if (i < end) {
        throw new IllegalArgumentException("expected ',' after label '" + name + "'");
      }
    }
  }

  private static int skipSpaces(String s, int i, int end) {
    while (i < end && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
