package io.devlogs.query.logql;

/** One lexical token of a LogQL query, with the offset of its first character. */
record Token(Kind kind, String text, String value, int offset) {

  enum Kind {
    IDENTIFIER,
    STRING,
    NUMBER,
    DURATION,
    BYTES,
    /** Punctuation and operators; {@link #text} says which. */
    SYMBOL,
    END
  }

  boolean is(String symbol) {
    return kind == Kind.SYMBOL && text.equals(symbol);
  }

  boolean isWord(String word) {
    return kind == Kind.IDENTIFIER && text.equals(word);
  }

  /** How an error message names this token. */
  String describe() {
    return switch (kind) {
      case END -> "the end of the query";
      case STRING -> "string " + abbreviate(text);
      default -> "'" + abbreviate(text) + "'";
    };
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
