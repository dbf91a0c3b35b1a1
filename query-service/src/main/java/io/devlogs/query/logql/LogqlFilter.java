package io.devlogs.query.logql;

import io.devlogs.flink.records.Level;
import io.devlogs.query.clickhouse.SqlBuilder;
import io.devlogs.query.records.LogEvent;
import io.devlogs.topics.ParsedEvent;
import java.util.Objects;

/**
 * A LogQL log query used as a search filter ({@code q={service="api"} |= "timeout"}): the same
 * compiled query adds its conditions to search's SQL ({@link #appendConditions}) and tests
 * live-tail events in memory ({@link #matches}, the {@link EventPredicate}), so both select the
 * same events. Both live tails ({@code /v1/tail} and Loki's) filter with it in the tail hub.
 */
public final class LogqlFilter {
  private final String text;
  private final LogqlAst.LogExpr query;
  private final EventPredicate predicate;

  private LogqlFilter(String text, LogqlAst.LogExpr query) {
    this.text = text;
    this.query = query;
    this.predicate = EventPredicate.of(query);
  }

  /** A log query already parsed from {@code text} (Loki's tail, which reports its own errors). */
  public static LogqlFilter of(String text, LogqlAst.LogExpr query) {
    return new LogqlFilter(
        Objects.requireNonNull(text, "text"), Objects.requireNonNull(query, "query"));
  }

  /**
   * The log query in {@code text}.
   *
   * @throws io.devlogs.http.ApiException 400 naming {@code parameter} and the position
   */
  public static LogqlFilter parse(String parameter, String text) {
    return new LogqlFilter(text, LogqlParameter.parseLog(parameter, text));
  }

  public String text() {
    return text;
  }

  public LogqlAst.LogExpr query() {
    return query;
  }

  /** {@code AND} the query's conditions, after a {@code WHERE}; every value bound. */
  public void appendConditions(SqlBuilder sql) {
    LogqlSql.conditions(sql, query);
  }

  /** Whether the event passes the query; the in-memory twin of {@link #appendConditions}. */
  public boolean matches(LogEvent event) {
    // The tail's events carry the level's name (Level.name()), so parsing it never fails.
    Level level = Level.parse(event.level()).orElse(Level.INFO);
    long epochNanos =
        Math.addExact(
            Math.multiplyExact(event.timestamp().getEpochSecond(), 1_000_000_000L),
            event.timestamp().getNano());
    return predicate.test(
        new ParsedEvent(
            event.id(),
            "",
            epochNanos,
            level,
            event.service(),
            event.stream(),
            event.message(),
            event.attributes(),
            0L,
            0,
            0));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LogqlFilter that && text.equals(that.text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text);
  }

  @Override
  public String toString() {
    return "LogqlFilter[" + text + "]";
  }
}
