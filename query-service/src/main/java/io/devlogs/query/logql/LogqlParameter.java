package io.devlogs.query.logql;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A LogQL query or step read from a request parameter: a malformed one is a 400 whose {@code
 * detail} names the parameter and the position ({@code offset}, 0-based characters; {@code line}
 * and {@code column}, 1-based) and {@code expected} says what was expected there, so the dashboard
 * can mark the spot.
 */
public final class LogqlParameter {
  private LogqlParameter() {}

  /** Whether a search text is LogQL: it starts with a stream selector's {@code {}. */
  public static boolean isLogql(String text) {
    return text.stripLeading().startsWith("{");
  }

  /**
   * Parses {@code text}.
   *
   * @throws ApiException 400 with the position when it is not a query devlogs answers
   */
  public static LogqlAst.Expr parse(String parameter, String text) {
    try {
      return LogqlParser.parse(text);
    } catch (LogqlSyntaxException e) {
      throw syntaxError(parameter, e);
    }
  }

  /** A log query, or a 400 when {@code text} is a metric query or malformed. */
  public static LogqlAst.LogExpr parseLog(String parameter, String text) {
    LogqlAst.Expr expr = parse(parameter, text);
    if (expr instanceof LogqlAst.LogExpr log) {
      return log;
    }
    throw ApiException.badParameter(
        parameter, "a metric query selects no events; use a log query like {service=\"api\"}");
  }

  /** A metric query, or a 400 when {@code text} is a log query or malformed. */
  public static LogqlAst.MetricExpr parseMetric(String parameter, String text) {
    LogqlAst.Expr expr = parse(parameter, text);
    if (expr instanceof LogqlAst.MetricExpr metric) {
      return metric;
    }
    throw ApiException.badParameter(
        parameter,
        "a log query has no values to chart; use a metric query like"
            + " sum by (service) (rate({service=~\".+\"}[1m]))");
  }

  /**
   * A step in nanoseconds: seconds ({@code 15}, {@code 0.5}) or a duration ({@code 1m}, {@code
   * 1h30m}); empty when absent; 400 when neither or not positive.
   */
  public static Optional<Long> stepNanos(String parameter, Optional<String> text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String value = text.get().strip();
    double seconds;
    if (Literals.NUMBER.matcher(value).matches()) {
      seconds = Double.parseDouble(value);
    } else if (Literals.DURATION.matcher(value).matches()) {
      seconds = Literals.durationSeconds(value);
    } else {
      throw ApiException.badParameter(
          parameter, "must be seconds (15, 0.5) or a duration (30s, 1m, 1h)");
    }
    long nanos = Math.round(seconds * 1e9);
    if (nanos < 1_000_000L) {
      throw ApiException.badParameter(parameter, "must be at least 1ms");
    }
    return Optional.of(nanos);
  }

  private static ApiException syntaxError(String parameter, LogqlSyntaxException e) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("parameter", parameter);
    detail.put("offset", e.offset());
    detail.put("line", e.line());
    detail.put("column", e.column());
    detail.put("expected", e.problem());
    return new ApiException(
        ErrorCode.INVALID_PARAMETER, "parameter '" + parameter + "': " + e.getMessage(), detail);
  }
}
