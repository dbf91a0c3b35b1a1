package io.devlogs.query.logql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a LogQL query into tokens: identifiers, strings ({@code "..."} with Go escapes, or raw
 * {@code `...`}), numbers, durations ({@code 5m}, {@code 1h30m}, {@code 500ms}), byte sizes ({@code
 * 10KB}, {@code 1MiB}) and operators.
 */
final class Lexer {
  /** Longest first, so {@code !=} wins over {@code !}. */
  private static final List<String> SYMBOLS =
      List.of(
          "|=", "|~", "!=", "!~", "=~", "==", ">=", "<=", "|>", "{", "}", "(", ")", "[", "]", ",",
          "|", "=", ">", "<", "+", "-", "*", "/", "%", "^", "!");

  private final String query;
  private int i;

  private Lexer(String query) {
    this.query = query;
  }

  static List<Token> tokens(String query) {
    return new Lexer(query).run();
  }

  private List<Token> run() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      skipBlanksAndComments();
      if (i >= query.length()) {
        tokens.add(new Token(Token.Kind.END, "", "", i));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private void skipBlanksAndComments() {
    while (i < query.length()) {
      char c = query.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#') {
        while (i < query.length() && query.charAt(i) != '\n') {
          i++;
        }
      } else {
        return;
      }
    }
  }

  private Token next() {
    int start = i;
    char c = query.charAt(i);
    if (c == '"') {
      return quoted(start);
    }
    if (c == '`') {
      int end = query.indexOf('`', i + 1);
      if (end < 0) {
        throw error(start, "a raw string opened with ` is not closed");
      }
      i = end + 1;
      return new Token(
          Token.Kind.STRING, query.substring(start, i), query.substring(start + 1, end), start);
    }
    if (isIdentifierStart(c)) {
      while (i < query.length() && isIdentifierPart(query.charAt(i))) {
        i++;
      }
      String word = query.substring(start, i);
      return new Token(Token.Kind.IDENTIFIER, word, word, start);
    }
    if (Character.isDigit(c)
        || (c == '.' && i + 1 < query.length() && Character.isDigit(query.charAt(i + 1)))) {
      return numeric(start);
    }
    for (String symbol : SYMBOLS) {
      if (query.startsWith(symbol, i)) {
        i += symbol.length();
        return new Token(Token.Kind.SYMBOL, symbol, symbol, start);
      }
    }
    throw error(start, "unexpected character '" + c + "'");
  }

  /** A number, or a number with letters after it: a duration or a byte size. */
  private Token numeric(int start) {
    while (i < query.length()
        && (Character.isLetterOrDigit(query.charAt(i))
            || query.charAt(i) == '.'
            || query.charAt(i) == 'µ')) {
      i++;
    }
    String text = query.substring(start, i);
    if (Literals.NUMBER.matcher(text).matches()) {
      return new Token(Token.Kind.NUMBER, text, text, start);
    }
    if (Literals.DURATION.matcher(text).matches()) {
      return new Token(Token.Kind.DURATION, text, text, start);
    }
    if (Literals.BYTES.matcher(text).matches()) {
      return new Token(Token.Kind.BYTES, text, text, start);
    }
    throw error(
        start,
        "'"
            + text
            + "' is neither a number, a duration (like 500ms, 1m, 1h30m) nor a byte size (like 10KB, 1MiB)");
  }

  private Token quoted(int start) {
    StringBuilder value = new StringBuilder();
    i++;
    while (i < query.length()) {
      char c = query.charAt(i);
      if (c == '"') {
        i++;
        return new Token(Token.Kind.STRING, query.substring(start, i), value.toString(), start);
      }
      if (c == '\n') {
        break;
      }
      if (c == '\\') {
        escape(value);
      } else {
        value.append(c);
        i++;
      }
    }
    throw error(start, "a string opened with \" is not closed");
  }

  /** Go's escapes, as Loki reads strings with strconv.Unquote. */
  private void escape(StringBuilder value) {
    int at = i;
    if (i + 1 >= query.length()) {
      throw error(at, "a backslash ends the query");
    }
    char e = query.charAt(i + 1);
    i += 2;
    switch (e) {
      case '"' -> value.append('"');
      case '\\' -> value.append('\\');
      case '\'' -> value.append('\'');
      case 'n' -> value.append('\n');
      case 't' -> value.append('\t');
      case 'r' -> value.append('\r');
      case 'a' -> value.append('\u0007');
      case 'b' -> value.append('\b');
      case 'f' -> value.append('\f');
      case 'v' -> value.append('\u000B');
      case 'x' -> value.append((char) hex(at, 2));
      case 'u' -> value.appendCodePoint(hex(at, 4));
      case 'U' -> value.appendCodePoint(hex(at, 8));
      default ->
          throw error(
              at,
              "unknown escape \\"
                  + e
                  + " in a string (a regular expression's backslash is written \\\\ in \"...\", or use `...`)");
    }
  }

  private int hex(int at, int digits) {
    if (i + digits > query.length()) {
      throw error(at, "expected " + digits + " hexadecimal digits after the escape");
    }
    String hex = query.substring(i, i + digits);
    if (!hex.matches("[0-9A-Fa-f]+")) {
      throw error(at, "expected " + digits + " hexadecimal digits after the escape");
    }
    i += digits;
    int codePoint = (int) Long.parseLong(hex, 16);
    if (!Character.isValidCodePoint(codePoint) || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
      throw error(at, "escape \\" + hex + " is not a valid Unicode character");
    }
    return codePoint;
  }

  private LogqlSyntaxException error(int offset, String problem) {
    return new LogqlSyntaxException(query, offset, problem);
  }

  private static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  /** Dots too: devlogs attribute keys are flattened with dots ({@code http.status}). */
  private static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || (c >= '0' && c <= '9') || c == '.';
  }
}
