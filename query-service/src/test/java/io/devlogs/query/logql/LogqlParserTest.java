package io.devlogs.query.logql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.query.logql.LogqlAst.And;
import io.devlogs.query.logql.LogqlAst.CompareOp;
import io.devlogs.query.logql.LogqlAst.Grouping;
import io.devlogs.query.logql.LogqlAst.LabelFilter;
import io.devlogs.query.logql.LogqlAst.LabelMatcher;
import io.devlogs.query.logql.LogqlAst.LineFilter;
import io.devlogs.query.logql.LogqlAst.LineOp;
import io.devlogs.query.logql.LogqlAst.LogExpr;
import io.devlogs.query.logql.LogqlAst.MatchOp;
import io.devlogs.query.logql.LogqlAst.NumberCompare;
import io.devlogs.query.logql.LogqlAst.Or;
import io.devlogs.query.logql.LogqlAst.Parser;
import io.devlogs.query.logql.LogqlAst.RangeAggregation;
import io.devlogs.query.logql.LogqlAst.RangeFunction;
import io.devlogs.query.logql.LogqlAst.StringCompare;
import io.devlogs.query.logql.LogqlAst.Unit;
import io.devlogs.query.logql.LogqlAst.VectorAggregation;
import io.devlogs.query.logql.LogqlAst.VectorFunction;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LogqlParserTest {

  private static LogExpr log(String query) {
    return (LogExpr) LogqlParser.parse(query);
  }

  @Test
  void readsEveryMatcherOfAStreamSelector() {
    LogExpr expr =
        log("{service=\"api\", level!=\"debug\", stream=~\"run-.*\", http.method!~`GET|HEAD`}");
    assertThat(expr.selector())
        .containsExactly(
            new LabelMatcher("service", MatchOp.EQUAL, "api"),
            new LabelMatcher("level", MatchOp.NOT_EQUAL, "debug"),
            new LabelMatcher("stream", MatchOp.REGEX, "run-.*"),
            new LabelMatcher("http.method", MatchOp.NOT_REGEX, "GET|HEAD"));
    assertThat(expr.pipeline()).isEmpty();
  }

  @Test
  void chainsLineFiltersAndParsers() {
    LogExpr expr =
        log(
            "{service=\"api\"} |= \"error\" != \"timeout\" |~ \"5[0-9]{2}\" !~ `health` | json | logfmt");
    assertThat(expr.pipeline())
        .containsExactly(
            new LineFilter(LineOp.CONTAINS, "error"),
            new LineFilter(LineOp.NOT_CONTAINS, "timeout"),
            new LineFilter(LineOp.REGEX, "5[0-9]{2}"),
            new LineFilter(LineOp.NOT_REGEX, "health"),
            new Parser("json"),
            new Parser("logfmt"));
  }

  @Test
  void readsGoEscapesInStringsAndRawStringsLiterally() {
    LogExpr expr = log("{service=\"a\\\"b\\\\c\\n\\u00e9\"} |= `x\\ny`");
    assertThat(expr.selector().get(0).value()).isEqualTo("a\"b\\c\né");
    assertThat(((LineFilter) expr.pipeline().get(0)).value()).isEqualTo("x\\ny");
  }

  @Test
  void andBindsTighterThanOrAndCommaAndSpaceMeanAnd() {
    LogExpr expr = log("{service=\"api\"} | a=\"1\" or b=\"2\" and c=\"3\"");
    Or or = (Or) ((LabelFilter) expr.pipeline().get(0)).predicate();
    assertThat(or.left()).isEqualTo(new StringCompare(new LabelMatcher("a", MatchOp.EQUAL, "1")));
    assertThat(or.right()).isInstanceOf(And.class);

    LogExpr comma = log("{service=\"api\"} | a=\"1\", b=\"2\" c=\"3\"");
    And and = (And) ((LabelFilter) comma.pipeline().get(0)).predicate();
    assertThat(and.left()).isInstanceOf(And.class);

    LogExpr parens = log("{service=\"api\"} | (a=\"1\" or b=\"2\") and c=\"3\"");
    And grouped = (And) ((LabelFilter) parens.pipeline().get(0)).predicate();
    assertThat(grouped.left()).isInstanceOf(Or.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "status >= 500; GREATER_OR_EQUAL; 500; NUMBER",
        "status == 200; EQUAL; 200; NUMBER",
        "status = 200; EQUAL; 200; NUMBER",
        "status != 200.5; NOT_EQUAL; 200.5; NUMBER",
        "temp < -3; LESS; -3; NUMBER",
        "duration > 500ms; GREATER; 0.5; DURATION",
        "duration <= 1m; LESS_OR_EQUAL; 60; DURATION",
        "duration > 1h30m; GREATER; 5400; DURATION",
        "size > 10KB; GREATER; 10000; BYTES",
        "size < 1KiB; LESS; 1024; BYTES",
        "size >= 2MB; GREATER_OR_EQUAL; 2000000; BYTES",
      })
  void readsNumbersDurationsAndBytes(String filter, CompareOp op, double value, Unit unit) {
    LogExpr expr = log("{service=\"api\"} | " + filter);
    NumberCompare compare = (NumberCompare) ((LabelFilter) expr.pipeline().get(0)).predicate();
    assertThat(compare.op()).isEqualTo(op);
    assertThat(compare.value()).isCloseTo(value, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(compare.unit()).isEqualTo(unit);
  }

  @Test
  void readsRangeAggregationsWithUnwrapAndQuantile() {
    RangeAggregation count =
        (RangeAggregation) LogqlParser.parse("count_over_time({service=\"api\"} |= \"x\" [5m])");
    assertThat(count.function()).isEqualTo(RangeFunction.COUNT_OVER_TIME);
    assertThat(count.rangeNanos()).isEqualTo(300_000_000_000L);
    assertThat(count.log().pipeline()).containsExactly(new LineFilter(LineOp.CONTAINS, "x"));

    RangeAggregation after =
        (RangeAggregation) LogqlParser.parse("rate({service=\"api\"}[1m] |= \"x\")");
    assertThat(after.log().pipeline()).containsExactly(new LineFilter(LineOp.CONTAINS, "x"));

    RangeAggregation quantile =
        (RangeAggregation)
            LogqlParser.parse(
                "quantile_over_time(0.99, {service=\"api\"} | json | unwrap latency_ms [1h])");
    assertThat(quantile.parameter().getAsDouble()).isEqualTo(0.99);
    assertThat(quantile.unwrap()).contains("latency_ms");
    assertThat(quantile.log().pipeline()).containsExactly(new Parser("json"));
  }

  @Test
  void readsVectorAggregationsWithGroupingBeforeOrAfter() {
    VectorAggregation before =
        (VectorAggregation)
            LogqlParser.parse("sum by (service, level) (rate({service=~\".+\"}[1m]))");
    assertThat(before.function()).isEqualTo(VectorFunction.SUM);
    assertThat(before.grouping()).isEqualTo(new Grouping(false, List.of("service", "level")));

    VectorAggregation after =
        (VectorAggregation)
            LogqlParser.parse("max(count_over_time({service=\"a\"}[1m])) without (stream)");
    assertThat(after.grouping()).isEqualTo(new Grouping(true, List.of("stream")));

    VectorAggregation topk =
        (VectorAggregation)
            LogqlParser.parse("topk(3, sum by (service) (bytes_rate({level=\"error\"}[5m])))");
    assertThat(topk.k().getAsInt()).isEqualTo(3);
    assertThat(((VectorAggregation) topk.inner()).inner()).isInstanceOf(RangeAggregation.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        // query; offset of the problem; words of the message
        "{service=\"api\"; 14; expected ',' or '}' in the stream selector, found the end of the query",
        "{}; 1; expected at least one label matcher",
        "{service=api}; 9; expected a quoted value for label service, found 'api'",
        "{service==\"api\"}; 8; expected one of = != =~ !~ after label service",
        "{service=\"a\"} | status > x; 25; expected a quoted string, a number, a duration or a byte size after >",
        "{service=\"a\"} |= x; 17; expected a quoted text after |=",
        "{service=\"a\"} |; 15; expected json, logfmt or a label filter",
        "{service=~\".*\"}; 0; needs at least one matcher that does not match an empty value",
        "{service=\"a\"} |~ \"(\"; 17; invalid regular expression (RE2 syntax)",
        "{service=~\"a[\"}; 10; invalid regular expression (RE2 syntax)",
        "count_over_time({service=\"a\"}); 29; expected a range like [5m] after the log query",
        "count_over_time({service=\"a\"}[5]); 30; expected a duration like 5m inside [...]",
        "sum_over_time({service=\"a\"}[5m]); 27; sum_over_time needs '| unwrap <label>' before the range",
        "rate({service=\"a\"} | unwrap x [5m]); 30; rate does not take '| unwrap'",
        "{service=\"a\"} | unwrap x; 16; unwrap is only allowed inside a range aggregation",
        "quantile_over_time(1.5, {service=\"a\"} | unwrap x [1m]); 19; the quantile must be between 0 and 1",
        "topk(0, rate({service=\"a\"}[1m])); 5; k must be between 1 and 10000",
        "topk(x, rate({service=\"a\"}[1m])); 5; expected a whole number k",
        "sum({service=\"a\"}); 4; expected sum over a metric query",
        "frobnicate({service=\"a\"}[1m]); 0; expected a stream selector or one of count_over_time",
        "{service=\"a\"} extra; 14; expected the end of the query",
        "{service=\"a\\q\"}; 11; unknown escape \\q",
        "{service=\"a\"} | size > 10XB; 23; '10XB' is neither a number, a duration",
        "{service=\"a\"} @ 1; 14; unexpected character '@'",
      })
  void refusesMalformedQueriesNamingPositionAndExpectation(
      String query, int offset, String message) {
    assertThatThrownBy(() -> LogqlParser.parse(query))
        .isInstanceOfSatisfying(
            LogqlSyntaxException.class,
            e -> {
              assertThat(e.offset()).as(e.getMessage()).isEqualTo(offset);
              assertThat(e.getMessage()).contains(message).contains("offset " + offset);
            });
  }

  @Test
  void namesLineAndColumnOfAProblemOnALaterLine() {
    assertThatThrownBy(
            () -> LogqlParser.parse("{service=\"a\"}\n  |= \"x\"\n  | line_format \"{{.a}}\""))
        .isInstanceOfSatisfying(
            LogqlSyntaxException.class,
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.column()).isEqualTo(5);
              assertThat(e.getMessage())
                  .startsWith(
                      "parse error at line 3, column 5 (offset 27): line_format is not supported");
            });
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "{service=\"a\"} | line_format \"{{.x}}\"; line_format is not supported",
        "{service=\"a\"} | label_format x=y; label_format is not supported",
        "{service=\"a\"} | pattern \"<ip> <_>\"; the pattern parser is not supported",
        "{service=\"a\"} | regexp \"(?P<x>.)\"; the regexp parser is not supported",
        "{service=\"a\"} | unpack; unpack is not supported",
        "{service=\"a\"} | decolorize; decolorize is not supported",
        "{service=\"a\"} | drop x; drop is not supported",
        "{service=\"a\"} | keep x; keep is not supported",
        "{service=\"a\"} | json a=\"b\"; parameters of | json",
        "{service=\"a\"} |= \"x\" or \"y\"; 'or' between line filters is not supported",
        "{service=\"a\"} |> \"<_> x\"; pattern line filters (|>) is not supported",
        "{service=\"a\"} |= ip(\"1.2.3.4\"); ip() line filters is not supported",
        "{service=\"a\"} | addr = ip(\"1.2.3.4\"); ip() label filters is not supported",
        "{service=\"a\"} |~ \"(?i)error\"; case-insensitive regular expressions",
        "{service=~\"(?i)api\"}; case-insensitive regular expressions",
        "rate({service=\"a\"}[1m]) / 2; binary operations between queries and numbers is not supported",
        "rate({service=\"a\"}[1m]) > 2; binary operations",
        "rate({service=\"a\"}[1m]) or rate({service=\"b\"}[1m]); set operations ('or') between queries",
        "rate({service=\"a\"}[1m] offset 1h); offset is not supported",
        "absent_over_time({service=\"a\"}[1m]); absent_over_time is not supported",
        "last_over_time({service=\"a\"} | unwrap x [1m]); last_over_time is not supported",
        "stddev(rate({service=\"a\"}[1m])); stddev is not supported",
        "sum_over_time({service=\"a\"} | unwrap duration(x) [1m]); unwrap conversions like duration()",
        "sum_over_time({service=\"a\"} | unwrap x [1m]) by (y); grouping of a range aggregation",
        "label_replace(rate({service=\"a\"}[1m]), \"a\", \"b\", \"c\", \"d\"); label_replace is not supported",
      })
  void refusesUnsupportedLogqlByName(String query, String message) {
    assertThatThrownBy(() -> LogqlParser.parse(query))
        .isInstanceOf(LogqlSyntaxException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{service=\"'; DROP TABLE devlogs.events; --\"}",
        "{service=\"a' OR 1=1 OR service='\"}",
        "{service=\"\\\\' OR 1=1 --\"}",
        "{`x`=\"a\"}",
        "{service=\"a\"} |= \"') OR 1=1 --\"",
        "{service=\"a\"} |~ \"a') OR match(message, '.*\"",
        "{service=\"a\"} | status > 1 OR 1=1",
        "{service=\"a\"} | a=\"b\" | c > 5); DROP TABLE x; --",
        "sum by (service) (rate({service=\"a\"}[1m])) SETTINGS max_execution_time=1000",
        "topk(1 UNION ALL SELECT 1, rate({service=\"a\"}[1m]))",
        "count_over_time({service=\"a\"}[1m]) FORMAT TSV",
      })
  void injectionAttemptsAreLiteralValuesOrRefused(String query) {
    try {
      LogqlAst.Expr expr = LogqlParser.parse(query);
      // Accepted: every value is data, and the SQL never carries it in its text.
      assertThat(expr).isNotNull();
      if (expr instanceof LogExpr log) {
        String sql =
            LogqlSql.logs(
                    "p",
                    log,
                    new io.devlogs.query.records.TimeRange(
                        java.time.Instant.EPOCH, java.time.Instant.EPOCH.plusSeconds(1)),
                    10,
                    LogqlSql.Direction.BACKWARD)
                .sql();
        assertThat(sql).doesNotContain("DROP").doesNotContain("OR 1=1").doesNotContain("'a'");
      }
    } catch (LogqlSyntaxException refused) {
      assertThat(refused.getMessage()).startsWith("parse error at line");
    }
  }

  @Test
  void refusesOverlongAndOverlyDeepQueries() {
    assertThatThrownBy(
            () -> LogqlParser.parse("{a=\"" + "x".repeat(LogqlParser.MAX_QUERY_LENGTH) + "\"}"))
        .hasMessageContaining("longer than");
    String deep = "sum(".repeat(40) + "rate({a=\"b\"}[1m])" + ")".repeat(40);
    assertThatThrownBy(() -> LogqlParser.parse(deep)).hasMessageContaining("nested more than");
    String stages = "{a=\"b\"}" + " |= \"x\"".repeat(LogqlParser.MAX_STAGES + 1);
    assertThatThrownBy(() -> LogqlParser.parse(stages)).hasMessageContaining("pipeline stages");
  }

  @Test
  void namesTheStartOfAnUnclosedStringAndTheLineOfALaterProblem() {
    assertThatThrownBy(() -> LogqlParser.parse("{service=\"a"))
        .hasMessage(
            "parse error at line 1, column 10 (offset 9): a string opened with \" is not closed");
    assertThatThrownBy(() -> LogqlParser.parse("{service=\"a\"\n, level=\"x\" |= \"y\""))
        .hasMessageStartingWith(
            "parse error at line 2, column 13 (offset 25): expected ',' or '}'");
  }

  @Test
  void ignoresCommentsAndLineBreaks() {
    LogExpr expr = log("# errors of api\n{service=\"api\"}\n  |= \"error\" # only errors\n");
    assertThat(expr.pipeline()).containsExactly(new LineFilter(LineOp.CONTAINS, "error"));
  }
}
