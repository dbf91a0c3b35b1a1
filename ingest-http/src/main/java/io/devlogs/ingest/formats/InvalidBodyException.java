package io.devlogs.ingest.formats;

/**
 * A request body that cannot be accepted as a whole (it cannot be framed into events, is empty, or
 * is not valid for its format); says where (line or index) and what is wrong. Problems of single
 * events do not throw: they are {@link EventProblem}s of a {@link DecodedBody}.
 */
public final class InvalidBodyException extends RuntimeException {

  /** Where in the body the problem is. */
  public enum Position {
    /** 1-based line number of an NDJSON body. */
    LINE,
    /** 0-based index in a JSON array body. */
    INDEX,
    /** 0-based position of a log record among all records of an OTLP or Loki request. */
    RECORD,
    /** The body as a whole. */
    BODY
  }

  private final Position position;
  private final int number;
  private final String problem;
  private final boolean tooLarge;

  private InvalidBodyException(Position position, int number, String problem, boolean tooLarge) {
    super(describe(position, number, problem));
    this.position = position;
    this.number = number;
    this.problem = problem;
    this.tooLarge = tooLarge;
  }

  public static InvalidBodyException atLine(int line, String problem) {
    return new InvalidBodyException(Position.LINE, line, problem, false);
  }

  public static InvalidBodyException atIndex(int index, String problem) {
    return new InvalidBodyException(Position.INDEX, index, problem, false);
  }

  public static InvalidBodyException body(String problem) {
    return new InvalidBodyException(Position.BODY, -1, problem, false);
  }

  public InvalidBodyException asTooLarge() {
    return new InvalidBodyException(position, number, problem, true);
  }

  public Position position() {
    return position;
  }

  /** The line (1-based) or index (0-based); -1 for {@link Position#BODY}. */
  public int number() {
    return number;
  }

  public String problem() {
    return problem;
  }

  /** Whether the problem is size (answered with 413) rather than content (400). */
  public boolean tooLarge() {
    return tooLarge;
  }

  static String describe(Position position, int number, String problem) {
    return switch (position) {
      case LINE -> "line " + number + ": " + problem;
      case INDEX -> "index " + number + ": " + problem;
      case RECORD -> "record " + number + ": " + problem;
      case BODY -> problem;
    };
  }
}
