package io.devlogs.query.loki;

import io.devlogs.query.clickhouse.SqlBuilder;
import io.devlogs.query.clickhouse.SqlQuery;
import io.devlogs.query.logql.LogqlAst.LogExpr;
import io.devlogs.query.logql.LogqlSql;
import io.devlogs.query.records.TimeRange;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of Loki's metadata routes over {@code devlogs.events}; pure. The project and range come
 * from the caller, the selector is compiled by {@link LogqlSql#where} and every value is bound.
 * Statements stay within what ClickHouse 18.16 and current versions accept.
 */
final class LokiSql {
  /** A stream's labels as {@code service, level_label, stream}. */
  static final String STREAM_COLUMNS = "service, lower(toString(level)) AS level_label, stream";

  private static final LogExpr EVERYTHING = new LogExpr(List.of(), List.of());

  private LokiSql() {}

  /** Attribute keys of the events in range (the stream labels are added by the caller). */
  static SqlQuery attributeKeys(
      String projectId, TimeRange range, Optional<LogExpr> selector, int limit) {
    SqlBuilder sql =
        new SqlBuilder().append("SELECT DISTINCT arrayJoin(attr_keys) AS name FROM devlogs.events");
    LogqlSql.where(sql, projectId, selector.orElse(EVERYTHING), range);
    return sql.append(" ORDER BY name LIMIT ?", limit).build();
  }

  /** Whether any event is in range: the stream labels exist only then. */
  static SqlQuery anyEvent(String projectId, TimeRange range, Optional<LogExpr> selector) {
    SqlBuilder sql = new SqlBuilder().append("SELECT 1 AS found FROM devlogs.events");
    LogqlSql.where(sql, projectId, selector.orElse(EVERYTHING), range);
    return sql.append(" LIMIT 1").build();
  }

  /** The distinct non-empty values of a label, sorted. */
  static SqlQuery labelValues(
      String projectId, String label, TimeRange range, Optional<LogExpr> selector, int limit) {
    SqlQuery value = LogqlSql.labelExpression(label);
    SqlBuilder sql =
        new SqlBuilder()
            .append("SELECT value FROM (SELECT DISTINCT ")
            .append(value.sql(), value.parameters().toArray())
            .append(" AS value FROM devlogs.events");
    LogqlSql.where(sql, projectId, selector.orElse(EVERYTHING), range);
    return sql.append(") WHERE value != '' ORDER BY value LIMIT ?", limit).build();
  }

  /** The streams (service, level, stream) of a selector's events. */
  static SqlQuery series(String projectId, TimeRange range, LogExpr selector, int limit) {
    SqlBuilder sql =
        new SqlBuilder().append("SELECT DISTINCT " + STREAM_COLUMNS + " FROM devlogs.events");
    LogqlSql.where(sql, projectId, selector, range);
    return sql.append(" ORDER BY service, level_label, stream LIMIT ?", limit).build();
  }

  /** Streams, events and bytes of a selector: {@code streams, entries, bytes}. */
  static SqlQuery stats(String projectId, TimeRange range, LogExpr selector) {
    SqlBuilder sql =
        new SqlBuilder()
            .append(
                "SELECT uniqExact(service, level, stream) AS streams, count() AS entries,"
                    + " sum(length(message)) AS bytes FROM devlogs.events");
    LogqlSql.where(sql, projectId, selector, range);
    return sql.build();
  }

  /** Bytes per value of {@code labels} ({@code g0, g1, ..., bytes}), largest first. */
  static SqlQuery volume(
      String projectId, TimeRange range, LogExpr selector, List<String> labels, int limit) {
    SqlBuilder sql = new SqlBuilder().append("SELECT ");
    StringBuilder groupBy = new StringBuilder();
    for (int i = 0; i < labels.size(); i++) {
      SqlQuery value = LogqlSql.labelExpression(labels.get(i));
      sql.append(value.sql() + " AS g" + i + ", ", value.parameters().toArray());
      groupBy.append(i == 0 ? "" : ", ").append('g').append(i);
    }
    sql.append("sum(length(message)) AS bytes FROM devlogs.events");
    LogqlSql.where(sql, projectId, selector, range);
    if (!labels.isEmpty()) {
      sql.append(" GROUP BY " + groupBy);
    }
    return sql.append(" ORDER BY bytes DESC LIMIT ?", limit).build();
  }

  /** Attribute keys with their number of distinct values: {@code name, cardinality}. */
  static SqlQuery detectedFields(String projectId, TimeRange range, LogExpr selector, int limit) {
    SqlBuilder sql =
        new SqlBuilder()
            .append(
                "SELECT name, uniq(value) AS cardinality FROM devlogs.events"
                    + " ARRAY JOIN attr_keys AS name, attr_values AS value");
    LogqlSql.where(sql, projectId, selector, range);
    return sql.append(" GROUP BY name ORDER BY name LIMIT ?", limit).build();
  }
}
