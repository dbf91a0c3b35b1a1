package io.devlogs.alerts;

/** How a rule compares its measured value with its threshold: {@code > >= < <= == !=}. */
public enum ComparisonOp {
  GT(">"),
  GE(">="),
  LT("<"),
  LE("<="),
  EQ("=="),
  NE("!=");

  private final String symbol;

  ComparisonOp(String symbol) {
    this.symbol = symbol;
  }

  /** The operator as written in a rule's definition. */
  public String symbol() {
    return symbol;
  }

  /** Whether {@code value op threshold} holds. */
  public boolean holds(double value, double threshold) {
    return switch (this) {
      case GT -> value > threshold;
      case GE -> value >= threshold;
      case LT -> value < threshold;
      case LE -> value <= threshold;
      case EQ -> value == threshold;
      case NE -> value != threshold;
    };
  }

  /** The operator written {@code symbol}, or an exception listing the operators. */
  public static ComparisonOp fromSymbol(String symbol) {
    for (ComparisonOp op : values()) {
      if (op.symbol.equals(symbol)) {
        return op;
      }
    }
    throw new IllegalArgumentException(
        "unknown operator '" + symbol + "', expected one of >, >=, <, <=, ==, !=");
  }
}
