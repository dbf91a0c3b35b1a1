package io.devlogs.query.filters;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a free-text query into terms: blanks separate terms, a {@code "quoted phrase"} is one term
 * (an unclosed quote runs to the end), duplicates are kept once.
 */
final class FreeText {
  private FreeText() {}

  static List<String> terms(String query) {
    List<String> terms = new ArrayList<>();
    StringBuilder term = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c == '"') {
        add(terms, term);
        quoted = !quoted;
      } else if (!quoted && Character.isWhitespace(c)) {
        add(terms, term);
      } else {
        term.append(c);
      }
    }
    add(terms, term);
    return terms;
  }

  private static void add(List<String> terms, StringBuilder term) {
    String text = term.toString().strip();
    term.setLength(0);
    if (!text.isEmpty() && !terms.contains(text)) {
      terms.add(text);
    }
  }
}
