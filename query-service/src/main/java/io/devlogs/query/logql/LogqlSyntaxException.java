package io.devlogs.query.logql;

/**
 * A LogQL query that is malformed or uses a part of LogQL devlogs does not support. The message
 * names the position ({@code line:column}, and the character offset) and what was expected there.
 */
public final class LogqlSyntaxException extends RuntimeException {
  private final int offset;
  private final int line;
  private final int column;
  private final String problem;

  LogqlSyntaxException(String query, int offset, String problem) {
    super(describe(query, offset, problem));
    this.offset = offset;
    int line = 1;
    int column = 1;
    for (int i = 0; i < Math.min(offset, query.length()); i++) {
      if (query.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  private static String describe(String query, int offset, String problem) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < Math.min(offset, query.length()); i++) {
      if (query.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return "parse error at line "
        + line
        + ", column "
        + column
        + " (offset "
        + offset
        + "): "
        + problem;
  }

  /** Characters before the problem (0-based). */
  public int offset() {
    return offset;
  }

  /** 1-based line of the problem. */
  public int line() {
    return line;
  }

  /** 1-based column of the problem. */
  public int column() {
    return column;
  }

  /** What is wrong, without the position. */
  public String problem() {
    return problem;
  }
}
