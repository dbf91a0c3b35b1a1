package io.devlogs.query.logql;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** The immutable syntax tree of a LogQL query, as {@link LogqlParser} builds it. */
public final class LogqlAst {
  private LogqlAst() {}

  /** A whole query: a log query or a metric query. */
  public sealed interface Expr permits LogExpr, MetricExpr {}

  /** Which events: a stream selector and its pipeline. */
  public record LogExpr(List<LabelMatcher> selector, List<Stage> pipeline) implements Expr {
    public LogExpr {
      selector = List.copyOf(selector);
      pipeline = List.copyOf(pipeline);
    }
  }

  /** An operator of stream selectors and string label filters. */
  public enum MatchOp {
    EQUAL("="),
    NOT_EQUAL("!="),
    REGEX("=~"),
    NOT_REGEX("!~");

    final String symbol;

    MatchOp(String symbol) {
      this.symbol = symbol;
    }
  }

  /** {@code name op "value"}; a regular expression is fully anchored, as in Loki. */
  public record LabelMatcher(String name, MatchOp op, String value) {
    public LabelMatcher {
      Objects.requireNonNull(name);
      Objects.requireNonNull(op);
      Objects.requireNonNull(value);
    }
  }

  /** One step of a pipeline. */
  public sealed interface Stage permits LineFilter, Parser, LabelFilter {}

  /** A line filter's operator. */
  public enum LineOp {
    CONTAINS("|="),
    NOT_CONTAINS("!="),
    REGEX("|~"),
    NOT_REGEX("!~");

    final String symbol;

    LineOp(String symbol) {
      this.symbol = symbol;
    }
  }

  /** {@code |= "text"} and friends over the message; a regular expression is not anchored. */
  public record LineFilter(LineOp op, String value) implements Stage {}

  /** {@code | json} or {@code | logfmt}. */
  public record Parser(String format) implements Stage {}

  /** {@code | <predicate>} over labels. */
  public record LabelFilter(Predicate predicate) implements Stage {}

  /** A label predicate. */
  public sealed interface Predicate permits And, Or, StringCompare, NumberCompare {}

  public record And(Predicate left, Predicate right) implements Predicate {}

  public record Or(Predicate left, Predicate right) implements Predicate {}

  /** {@code name op "value"}, {@code ==} read as {@code =}. */
  public record StringCompare(LabelMatcher matcher) implements Predicate {}

  /** How a label value is read for a numeric comparison. */
  public enum Unit {
    NUMBER,
    DURATION,
    BYTES
  }

  /** A numeric comparison's operator. */
  public enum CompareOp {
    EQUAL("="),
    NOT_EQUAL("!="),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    LESS("<"),
    LESS_OR_EQUAL("<=");

    final String sql;

    CompareOp(String sql) {
      this.sql = sql;
    }

    boolean test(double left, double right) {
      return switch (this) {
        case EQUAL -> left == right;
        case NOT_EQUAL -> left != right;
        case GREATER -> left > right;
        case GREATER_OR_EQUAL -> left >= right;
        case LESS -> left < right;
        case LESS_OR_EQUAL -> left <= right;
      };
    }
  }

  /**
   * {@code name op 500}, {@code name op 500ms} (seconds) or {@code name op 10KB} (bytes); false
   * when the label is missing or not of the unit's form.
   */
  public record NumberCompare(String name, CompareOp op, double value, Unit unit)
      implements Predicate {}

  /** A metric query. */
  public sealed interface MetricExpr extends Expr permits RangeAggregation, VectorAggregation {}

  /** The functions over a range of events. */
  public enum RangeFunction {
    COUNT_OVER_TIME(false),
    RATE(false),
    BYTES_OVER_TIME(false),
    BYTES_RATE(false),
    SUM_OVER_TIME(true),
    AVG_OVER_TIME(true),
    MAX_OVER_TIME(true),
    MIN_OVER_TIME(true),
    QUANTILE_OVER_TIME(true);

    final boolean needsUnwrap;

    RangeFunction(boolean needsUnwrap) {
      this.needsUnwrap = needsUnwrap;
    }

    String logqlName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * {@code fn(log [range])}; {@code unwrap} the label whose numbers {@code *_over_time} reads,
   * {@code parameter} the quantile of {@code quantile_over_time}.
   */
  public record RangeAggregation(
      RangeFunction function,
      LogExpr log,
      long rangeNanos,
      Optional<String> unwrap,
      OptionalDouble parameter)
      implements MetricExpr {}

  /** The aggregations over series. */
  public enum VectorFunction {
    SUM,
    AVG,
    MIN,
    MAX,
    COUNT,
    TOPK,
    BOTTOMK;

    String logqlName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** {@code by (labels)} or {@code without (labels)}; none means one group of everything. */
  public record Grouping(boolean without, List<String> labels) {
    public static final Grouping NONE = new Grouping(false, List.of());

    public Grouping {
      labels = List.copyOf(labels);
    }
  }

  /** {@code fn by (labels) ([k,] inner)}; {@code k} for topk and bottomk. */
  public record VectorAggregation(
      VectorFunction function, Grouping grouping, OptionalInt k, MetricExpr inner)
      implements MetricExpr {}
}
