package io.devlogs.query.logql;

import com.google.re2j.PatternSyntaxException;
import io.devlogs.query.logql.LogqlAst.And;
import io.devlogs.query.logql.LogqlAst.CompareOp;
import io.devlogs.query.logql.LogqlAst.Expr;
import io.devlogs.query.logql.LogqlAst.Grouping;
import io.devlogs.query.logql.LogqlAst.LabelFilter;
import io.devlogs.query.logql.LogqlAst.LabelMatcher;
import io.devlogs.query.logql.LogqlAst.LineFilter;
import io.devlogs.query.logql.LogqlAst.LineOp;
import io.devlogs.query.logql.LogqlAst.LogExpr;
import io.devlogs.query.logql.LogqlAst.MatchOp;
import io.devlogs.query.logql.LogqlAst.MetricExpr;
import io.devlogs.query.logql.LogqlAst.NumberCompare;
import io.devlogs.query.logql.LogqlAst.Or;
import io.devlogs.query.logql.LogqlAst.Parser;
import io.devlogs.query.logql.LogqlAst.Predicate;
import io.devlogs.query.logql.LogqlAst.RangeAggregation;
import io.devlogs.query.logql.LogqlAst.RangeFunction;
import io.devlogs.query.logql.LogqlAst.Stage;
import io.devlogs.query.logql.LogqlAst.StringCompare;
import io.devlogs.query.logql.LogqlAst.Unit;
import io.devlogs.query.logql.LogqlAst.VectorAggregation;
import io.devlogs.query.logql.LogqlAst.VectorFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A recursive-descent parser of the part of LogQL devlogs answers (grammar and precedence of Loki's
 * {@code pkg/logql/syntax}): label filters bind {@code and} (also written {@code ,}) tighter than
 * {@code or}. Whatever else of LogQL is refused by name, at its position.
 */
public final class LogqlParser {
  public static final int MAX_QUERY_LENGTH = 16_384;
  public static final int MAX_STAGES = 64;
  public static final int MAX_DEPTH = 32;
  public static final int MAX_TOPK = 10_000;

  private static final Map<String, String> UNSUPPORTED_STAGES =
      Map.ofEntries(
          Map.entry("line_format", "line_format"),
          Map.entry("label_format", "label_format"),
          Map.entry("pattern", "the pattern parser"),
          Map.entry("regexp", "the regexp parser"),
          Map.entry("unpack", "unpack"),
          Map.entry("decolorize", "decolorize"),
          Map.entry("drop", "drop"),
          Map.entry("keep", "keep"),
          Map.entry("ip", "ip() filters"));
  private static final Set<String> UNSUPPORTED_FUNCTIONS =
      Set.of(
          "absent_over_time",
          "first_over_time",
          "last_over_time",
          "stddev_over_time",
          "stdvar_over_time",
          "rate_counter",
          "stddev",
          "stdvar",
          "sort",
          "sort_desc",
          "label_replace",
          "vector",
          "approx_topk");
  private static final Set<String> BINARY_OPERATORS =
      Set.of("+", "-", "*", "/", "%", "^", "==", "!=", ">", ">=", "<", "<=");

  private final String query;
  private final List<Token> tokens;
  private int position;
  private int depth;

  private LogqlParser(String query) {
    this.query = query;
    this.tokens = Lexer.tokens(query);
  }

  /**
   * Parses a whole query.
   *
   * @throws LogqlSyntaxException naming the position and what was expected
   */
  public static Expr parse(String query) {
    if (query.length() > MAX_QUERY_LENGTH) {
      throw new LogqlSyntaxException(
          query, MAX_QUERY_LENGTH, "the query is longer than " + MAX_QUERY_LENGTH + " characters");
    }
    LogqlParser parser = new LogqlParser(query);
    Expr expr = parser.expr();
    Token rest = parser.peek();
    if (rest.kind() != Token.Kind.END) {
      if (rest.kind() == Token.Kind.SYMBOL && BINARY_OPERATORS.contains(rest.text())) {
        throw parser.unsupported(rest, "binary operations between queries and numbers");
      }
      if (rest.isWord("and") || rest.isWord("or") || rest.isWord("unless")) {
        throw parser.unsupported(rest, "set operations ('" + rest.text() + "') between queries");
      }
      if (rest.isWord("offset")) {
        throw parser.unsupported(rest, "offset");
      }
      throw parser.expected("the end of the query", rest);
    }
    return expr;
  }

  private Expr expr() {
    Token first = peek();
    if (first.is("{")) {
      return logExpr();
    }
    if (first.kind() == Token.Kind.IDENTIFIER || first.is("(")) {
      return metricExpr();
    }
    if (first.kind() == Token.Kind.END) {
      throw expected("a stream selector like {service=\"api\"} or a metric query", first);
    }
    throw expected("a stream selector like {service=\"api\"} or a metric query", first);
  }

  // ---- log queries

  private LogExpr logExpr() {
    List<LabelMatcher> selector = selector();
    return new LogExpr(selector, pipeline(false));
  }

  private List<LabelMatcher> selector() {
    Token open = take("{", "'{' to open a stream selector");
    List<LabelMatcher> matchers = new ArrayList<>();
    if (peek().is("}")) {
      throw expected("at least one label matcher like service=\"api\"", peek());
    }
    while (true) {
      Token name = takeIdentifier("a label name");
      Token op = take();
      MatchOp matchOp =
          switch (op.text()) {
            case "=" -> MatchOp.EQUAL;
            case "!=" -> MatchOp.NOT_EQUAL;
            case "=~" -> MatchOp.REGEX;
            case "!~" -> MatchOp.NOT_REGEX;
            default -> throw expected("one of = != =~ !~ after label " + name.text(), op);
          };
      if (op.kind() != Token.Kind.SYMBOL) {
        throw expected("one of = != =~ !~ after label " + name.text(), op);
      }
      Token value = takeString("a quoted value for label " + name.text());
      matchers.add(matcher(name, matchOp, value));
      Token next = take();
      if (next.is("}")) {
        break;
      }
      if (!next.is(",")) {
        throw expected("',' or '}' in the stream selector", next);
      }
    }
    if (matchers.stream().allMatch(m -> LabelMatchers.matchesEmpty(m))) {
      throw new LogqlSyntaxException(
          query,
          open.offset(),
          "the stream selector needs at least one matcher that does not match an empty value"
              + " (like service=\"api\" or service=~\".+\"), as in Loki");
    }
    return matchers;
  }

  private LabelMatcher matcher(Token name, MatchOp op, Token value) {
    if (op == MatchOp.REGEX || op == MatchOp.NOT_REGEX) {
      checkRegex(value);
    }
    return new LabelMatcher(name.text(), op, value.value());
  }

  /** Stages until none follows; {@code unwrap} allowed (and then last) inside a range. */
  private List<Stage> pipeline(boolean unwrapAllowed) {
    List<Stage> stages = new ArrayList<>();
    while (true) {
      Token t = peek();
      Stage stage;
      if (t.is("|=") || t.is("!=") || t.is("|~") || t.is("!~")) {
        take();
        LineOp op =
            switch (t.text()) {
              case "|=" -> LineOp.CONTAINS;
              case "!=" -> LineOp.NOT_CONTAINS;
              case "|~" -> LineOp.REGEX;
              default -> LineOp.NOT_REGEX;
            };
        Token value = peek();
        if (value.kind() == Token.Kind.IDENTIFIER && value.text().equals("ip")) {
          throw unsupported(value, "ip() line filters");
        }
        value = takeString("a quoted text after " + t.text());
        if (op == LineOp.REGEX || op == LineOp.NOT_REGEX) {
          checkRegex(value);
        }
        if (peek().isWord("or")) {
          throw unsupported(peek(), "'or' between line filters");
        }
        stage = new LineFilter(op, value.value());
      } else if (t.is("|>")) {
        throw unsupported(t, "pattern line filters (|>)");
      } else if (t.is("|")) {
        Token next = peek(1);
        if (next.isWord("unwrap")) {
          if (!unwrapAllowed) {
            throw new LogqlSyntaxException(
                query,
                next.offset(),
                "unwrap is only allowed inside a range aggregation like sum_over_time(... | unwrap x [1m])");
          }
          return stages;
        }
        take();
        stage = stageAfterPipe();
      } else {
        return stages;
      }
      stages.add(stage);
      if (stages.size() > MAX_STAGES) {
        throw new LogqlSyntaxException(
            query, t.offset(), "more than " + MAX_STAGES + " pipeline stages");
      }
    }
  }

  private Stage stageAfterPipe() {
    Token t = peek();
    if (t.isWord("json") || t.isWord("logfmt")) {
      take();
      Token after = peek();
      if (after.kind() == Token.Kind.IDENTIFIER && !after.isWord("unwrap")
          || after.kind() == Token.Kind.SYMBOL && after.is("-")) {
        throw unsupported(
            after, "parameters of | " + t.text() + " (extracting chosen fields or flags)");
      }
      return new Parser(t.text());
    }
    if (t.kind() == Token.Kind.IDENTIFIER && UNSUPPORTED_STAGES.containsKey(t.text())) {
      throw unsupported(t, UNSUPPORTED_STAGES.get(t.text()));
    }
    if (t.kind() == Token.Kind.IDENTIFIER || t.is("(")) {
      return new LabelFilter(orPredicate());
    }
    throw expected("json, logfmt or a label filter like status >= 500 after '|'", t);
  }

  private Predicate orPredicate() {
    enter(peek());
    Predicate left = andPredicate();
    while (peek().isWord("or")) {
      take();
      left = new Or(left, andPredicate());
    }
    depth--;
    return left;
  }

  private Predicate andPredicate() {
    Predicate left = primaryPredicate();
    while (true) {
      Token t = peek();
      if (t.isWord("and") || t.is(",")) {
        take();
      } else if (!(t.is("(") || t.kind() == Token.Kind.IDENTIFIER) || t.isWord("or")) {
        return left;
      }
      // Loki also reads juxtaposed filters (a space) as 'and'.
      left = new And(left, primaryPredicate());
    }
  }

  private Predicate primaryPredicate() {
    Token t = peek();
    if (t.is("(")) {
      take();
      Predicate inner = orPredicate();
      take(")", "')' to close the label filter");
      return inner;
    }
    Token name = takeIdentifier("a label name");
    Token op = take();
    if (op.kind() != Token.Kind.SYMBOL) {
      throw expected("a comparison (= == != =~ !~ > >= < <=) after label " + name.text(), op);
    }
    Token value = peek();
    if (value.kind() == Token.Kind.STRING) {
      take();
      MatchOp matchOp =
          switch (op.text()) {
            case "=", "==" -> MatchOp.EQUAL;
            case "!=" -> MatchOp.NOT_EQUAL;
            case "=~" -> MatchOp.REGEX;
            case "!~" -> MatchOp.NOT_REGEX;
            default -> throw expected("a number, duration or byte size after " + op.text(), value);
          };
      return new StringCompare(matcher(name, matchOp, value));
    }
    CompareOp compareOp =
        switch (op.text()) {
          case "=", "==" -> CompareOp.EQUAL;
          case "!=" -> CompareOp.NOT_EQUAL;
          case ">" -> CompareOp.GREATER;
          case ">=" -> CompareOp.GREATER_OR_EQUAL;
          case "<" -> CompareOp.LESS;
          case "<=" -> CompareOp.LESS_OR_EQUAL;
          case "=~", "!~" ->
              throw expected("a quoted regular expression after " + op.text(), value);
          default ->
              throw expected(
                  "a comparison (= == != =~ !~ > >= < <=) after label " + name.text(), op);
        };
    boolean negative = false;
    if (value.is("-")) {
      take();
      negative = true;
      value = peek();
    }
    take();
    double number;
    Unit unit;
    switch (value.kind()) {
      case NUMBER -> {
        number = Double.parseDouble(value.text());
        unit = Unit.NUMBER;
      }
      case DURATION -> {
        number = Literals.durationSeconds(value.text());
        unit = Unit.DURATION;
      }
      case BYTES -> {
        number = Literals.bytes(value.text());
        unit = Unit.BYTES;
      }
      case IDENTIFIER ->
          throw value.text().equals("ip")
              ? unsupported(value, "ip() label filters")
              : expected(
                  "a quoted string, a number, a duration or a byte size after " + op.text(), value);
      default ->
          throw expected(
              "a quoted string, a number, a duration or a byte size after " + op.text(), value);
    }
    return new NumberCompare(name.text(), compareOp, negative ? -number : number, unit);
  }

  // ---- metric queries

  private MetricExpr metricExpr() {
    Token t = peek();
    enter(t);
    MetricExpr result;
    if (t.is("(")) {
      take();
      result = metricExpr();
      take(")", "')' to close the parenthesis");
    } else {
      Token name = takeIdentifier("a function like count_over_time, rate or sum");
      String lower = name.text().toLowerCase(Locale.ROOT);
      if (UNSUPPORTED_FUNCTIONS.contains(lower)) {
        throw unsupported(name, lower);
      }
      RangeFunction range = enumValue(RangeFunction.class, lower);
      VectorFunction vector = enumValue(VectorFunction.class, lower);
      if (range != null) {
        result = rangeAggregation(name, range);
      } else if (vector != null) {
        result = vectorAggregation(vector);
      } else {
        throw expected(
            "a stream selector or one of count_over_time, rate, bytes_over_time, bytes_rate,"
                + " sum_over_time, avg_over_time, max_over_time, min_over_time, quantile_over_time,"
                + " sum, avg, min, max, count, topk, bottomk",
            name);
      }
    }
    depth--;
    if (peek().isWord("offset")) {
      throw unsupported(peek(), "offset");
    }
    return result;
  }

  private RangeAggregation rangeAggregation(Token name, RangeFunction function) {
    take("(", "'(' after " + name.text());
    OptionalDouble parameter = OptionalDouble.empty();
    if (function == RangeFunction.QUANTILE_OVER_TIME) {
      Token q = take();
      if (q.kind() != Token.Kind.NUMBER) {
        throw expected("the quantile, a number between 0 and 1", q);
      }
      double phi = Double.parseDouble(q.text());
      if (phi < 0 || phi > 1) {
        throw new LogqlSyntaxException(query, q.offset(), "the quantile must be between 0 and 1");
      }
      parameter = OptionalDouble.of(phi);
      take(",", "',' after the quantile");
    }
    boolean parenthesised = peek().is("(");
    if (parenthesised) {
      take();
    }
    List<LabelMatcher> selector = selector();
    List<Stage> stages = new ArrayList<>(pipeline(true));
    Optional<String> unwrap = unwrap();
    if (parenthesised) {
      take(")", "')' to close the log query of the range");
    }
    Token open = take("[", "a range like [5m] after the log query");
    Token range = take();
    if (range.kind() != Token.Kind.DURATION) {
      throw expected("a duration like 5m inside [...]", range);
    }
    long rangeNanos = Literals.durationNanos(range.text());
    if (rangeNanos <= 0) {
      throw new LogqlSyntaxException(query, range.offset(), "the range must be longer than 0");
    }
    take("]", "']' to close the range");
    if (peek().isWord("offset")) {
      throw unsupported(peek(), "offset");
    }
    if (!parenthesised && unwrap.isEmpty()) {
      // Loki also reads the pipeline after the range: count_over_time({a="b"}[5m] |= "x").
      stages.addAll(pipeline(true));
      unwrap = unwrap();
    }
    take(")", "')' to close " + name.text());
    if (peek().isWord("by") || peek().isWord("without")) {
      throw unsupported(
          peek(), "grouping of a range aggregation (use sum by (...) (...) around it)");
    }
    if (function.needsUnwrap && unwrap.isEmpty()) {
      throw new LogqlSyntaxException(
          query, open.offset(), name.text() + " needs '| unwrap <label>' before the range");
    }
    if (!function.needsUnwrap && unwrap.isPresent()) {
      throw new LogqlSyntaxException(
          query, open.offset(), name.text() + " does not take '| unwrap'");
    }
    return new RangeAggregation(
        function, new LogExpr(selector, stages), rangeNanos, unwrap, parameter);
  }

  private Optional<String> unwrap() {
    if (!(peek().is("|") && peek(1).isWord("unwrap"))) {
      return Optional.empty();
    }
    take();
    take();
    Token label = peek();
    if (label.kind() == Token.Kind.IDENTIFIER && peek(1).is("(")) {
      throw unsupported(label, "unwrap conversions like " + label.text() + "()");
    }
    label = takeIdentifier("the label to unwrap");
    if (peek().is("|")) {
      throw unsupported(peek(), "pipeline stages after unwrap");
    }
    return Optional.of(label.text());
  }

  private VectorAggregation vectorAggregation(VectorFunction function) {
    Grouping grouping = grouping();
    take("(", "'(' after " + function.logqlName());
    OptionalInt k = OptionalInt.empty();
    if (function == VectorFunction.TOPK || function == VectorFunction.BOTTOMK) {
      Token n = take();
      if (n.kind() != Token.Kind.NUMBER || n.text().contains(".")) {
        throw expected("a whole number k before ',' in " + function.logqlName(), n);
      }
      int value;
      try {
        value = Integer.parseInt(n.text());
      } catch (NumberFormatException e) {
        value = Integer.MAX_VALUE;
      }
      if (value < 1 || value > MAX_TOPK) {
        throw new LogqlSyntaxException(query, n.offset(), "k must be between 1 and " + MAX_TOPK);
      }
      k = OptionalInt.of(value);
      take(",", "',' after k");
    }
    Token innerStart = peek();
    if (innerStart.is("{")) {
      throw expected(
          function.logqlName() + " over a metric query like rate({...}[1m]), not over a log query",
          innerStart);
    }
    MetricExpr inner = metricExpr();
    take(")", "')' to close " + function.logqlName());
    if (grouping == Grouping.NONE) {
      grouping = grouping();
    }
    return new VectorAggregation(function, grouping, k, inner);
  }

  private Grouping grouping() {
    Token t = peek();
    if (!t.isWord("by") && !t.isWord("without")) {
      return Grouping.NONE;
    }
    take();
    take("(", "'(' and label names after " + t.text());
    List<String> labels = new ArrayList<>();
    if (!peek().is(")")) {
      while (true) {
        labels.add(takeIdentifier("a label name").text());
        Token next = take();
        if (next.is(")")) {
          break;
        }
        if (!next.is(",")) {
          throw expected("',' or ')' in the label list", next);
        }
      }
    } else {
      take();
    }
    return new Grouping(t.isWord("without"), labels.stream().distinct().toList());
  }

  // ---- helpers

  private void checkRegex(Token value) {
    String regex = value.value();
    if (regex.contains("(?i") || regex.matches("(?s).*\\(\\?[a-zA-Z]*i.*")) {
      throw unsupported(
          value,
          "case-insensitive regular expressions ((?i) answers wrongly on ClickHouse 18.16;"
              + " write a class like [Ee]rror)");
    }
    try {
      com.google.re2j.Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new LogqlSyntaxException(
          query, value.offset(), "invalid regular expression (RE2 syntax): " + e.getDescription());
    }
  }

  private void enter(Token at) {
    if (++depth > MAX_DEPTH) {
      throw new LogqlSyntaxException(
          query, at.offset(), "nested more than " + MAX_DEPTH + " levels deep");
    }
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String lower) {
    for (E e : type.getEnumConstants()) {
      if (e.name().toLowerCase(Locale.ROOT).equals(lower)) {
        return e;
      }
    }
    return null;
  }

  private Token peek() {
    return tokens.get(position);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(position + ahead, tokens.size() - 1));
  }

  private Token take() {
    Token t = tokens.get(position);
    if (t.kind() != Token.Kind.END) {
      position++;
    }
    return t;
  }

  private Token take(String symbol, String expected) {
    Token t = take();
    if (!t.is(symbol)) {
      throw expected(expected, t);
    }
    return t;
  }

  private Token takeIdentifier(String expected) {
    Token t = take();
    if (t.kind() != Token.Kind.IDENTIFIER) {
      throw expected(expected, t);
    }
    return t;
  }

  private Token takeString(String expected) {
    Token t = take();
    if (t.kind() != Token.Kind.STRING) {
      throw expected(expected, t);
    }
    return t;
  }

  private LogqlSyntaxException expected(String what, Token found) {
    return new LogqlSyntaxException(
        query, found.offset(), "expected " + what + ", found " + found.describe());
  }

  private LogqlSyntaxException unsupported(Token at, String what) {
    return new LogqlSyntaxException(query, at.offset(), what + " is not supported by devlogs");
  }
}
