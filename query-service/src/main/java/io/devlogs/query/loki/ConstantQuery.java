package io.devlogs.query.loki;

import java.util.Optional;

/**
 * A query of constants only: numbers and {@code vector(<constant>)} with {@code + - * /} and
 * parentheses, such as {@code vector(1)+vector(1)}, the query Grafana's Loki data source sends when
 * a user saves and tests the data source ({@code pkg/tsdb/loki/healthcheck.go}). devlogs' LogQL has
 * no binary operations; these queries are answered here without the store. Anything else is not a
 * constant query and goes to the LogQL parser. Pure.
 *
 * @param value the query's value
 * @param vector whether it is an instant vector (one series without labels) rather than a scalar
 */
public record ConstantQuery(double value, boolean vector) {
  /** Deeper nesting than this is not a constant query (the parser then names the problem). */
  private static final int MAX_DEPTH = 32;

  /** The constant query {@code text} is, if it is one. */
  public static Optional<ConstantQuery> of(String text) {
    if (text.length() > 1_000) {
      return Optional.empty();
    }
    Reader reader = new Reader(text);
    try {
      double value = reader.sum();
      reader.skipSpaces();
      if (reader.position != text.length()) {
        return Optional.empty();
      }
      return Optional.of(new ConstantQuery(value, reader.vector));
    } catch (NotConstant e) {
      return Optional.empty();
    }
  }

  private static final class NotConstant extends Exception {
    NotConstant() {
      super(null, null, false, false);
    }
  }

  private static final class Reader {
    private final String text;
    private int position;
    private int depth;
    private boolean vector;

    Reader(String text) {
      this.text = text;
    }

    double sum() throws NotConstant {
      double value = product();
      while (true) {
        skipSpaces();
        if (take('+')) {
          value += product();
        } else if (take('-')) {
          value -= product();
        } else {
          return value;
        }
      }
    }

    double product() throws NotConstant {
      double value = factor();
      while (true) {
        skipSpaces();
        if (take('*')) {
          value *= factor();
        } else if (take('/')) {
          value /= factor();
        } else {
          return value;
        }
      }
    }

    double factor() throws NotConstant {
      if (++depth > MAX_DEPTH) {
        throw new NotConstant();
      }
      try {
        skipSpaces();
        if (take('-')) {
          return -factor();
        }
        if (take('(')) {
          return closed(sum());
        }
        if (text.startsWith("vector", position)) {
          position += "vector".length();
          skipSpaces();
          if (!take('(')) {
            throw new NotConstant();
          }
          vector = true;
          return closed(sum());
        }
        return number();
      } finally {
        depth--;
      }
    }

    private double closed(double value) throws NotConstant {
      skipSpaces();
      if (!take(')')) {
        throw new NotConstant();
      }
      return value;
    }

    private double number() throws NotConstant {
      int start = position;
      while (position < text.length()
          && (Character.isDigit(text.charAt(position)) || text.charAt(position) == '.')) {
        position++;
      }
      try {
        return Double.parseDouble(text.substring(start, position));
      } catch (NumberFormatException e) {
        throw new NotConstant();
      }
    }

    private boolean take(char c) {
      if (position < text.length() && text.charAt(position) == c) {
        position++;
        return true;
      }
      return false;
    }

    void skipSpaces() {
      while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
        position++;
      }
    }
  }
}
