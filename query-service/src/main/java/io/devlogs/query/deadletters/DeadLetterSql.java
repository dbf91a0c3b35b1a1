package io.devlogs.query.deadletters;

import io.devlogs.deadletters.DeadLetterRow;
import io.devlogs.query.clickhouse.SqlBuilder;
import io.devlogs.query.clickhouse.SqlQuery;
import io.devlogs.query.logs.EventPosition;
import io.devlogs.query.records.TimeRange;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The statements over {@code devlogs.dead_letters}; pure. Every user value is a bound parameter.
 * Rows are in the newest-first order of (receive time in ms, id); the sink writes each dead letter
 * once, and {@code LIMIT 1 BY} collapses a row written twice by another writer, as for events.
 */
final class DeadLetterSql {
  /** The beginning of the value that a page shows, and the value's length in characters. */
  static final String VALUE_SHOWN = "value_shown";

  static final String VALUE_CHARS = "value_chars";

  /**
   * The row's columns, with only the first {@code ?} characters of its value ({@link
   * DeadLetter#DISPLAY_CHARS}): a stored value may hold 64 KiB.
   */
  static final String COLUMNS =
      DeadLetterRow.READ_COLUMNS.stream()
          .map(
              column ->
                  column.equals(DeadLetterRow.VALUE)
                      ? "substringUTF8(value, 1, ?) AS "
                          + VALUE_SHOWN
                          + ", lengthUTF8(value) AS "
                          + VALUE_CHARS
                      : column)
          .collect(Collectors.joining(", "));

  /** Most causes a count lists: there are a handful; the bound only guards the result size. */
  static final int MAX_CAUSES = 100;

  private DeadLetterSql() {}

  /** A page, newest first, continuing after {@code after}. */
  static SqlQuery page(
      String projectId, DeadLetterQuery query, int limit, Optional<EventPosition> after) {
    SqlBuilder sql =
        new SqlBuilder()
            .append("SELECT " + COLUMNS + " FROM " + DeadLetterRow.TABLE, DeadLetter.DISPLAY_CHARS);
    where(sql, projectId, query);
    after.ifPresent(
        position -> {
          long millis = position.timestamp().toEpochMilli();
          sql.append(" AND received_at <= toDateTime(?)", position.timestamp().getEpochSecond())
              .append(
                  " AND (received_ms < ? OR (received_ms = ? AND dead_letter_id < ?))",
                  millis,
                  millis,
                  position.eventId());
        });
    return sql.append(
            " ORDER BY received_ms DESC, dead_letter_id DESC"
                + " LIMIT 1 BY received_ms, dead_letter_id LIMIT ?",
            limit)
        .build();
  }

  /** Dead letters per cause, most first. */
  static SqlQuery counts(String projectId, DeadLetterQuery query) {
    SqlBuilder sql =
        new SqlBuilder().append("SELECT cause, count() AS n FROM " + DeadLetterRow.TABLE);
    where(sql, projectId, query);
    return sql.append(" GROUP BY cause ORDER BY n DESC, cause LIMIT ?", MAX_CAUSES).build();
  }

  /**
   * The project, the range (whole seconds on the sorting key's {@code received_at}, so ClickHouse
   * reads only the range's granules, then exact milliseconds) and the causes, when given.
   */
  private static void where(SqlBuilder sql, String projectId, DeadLetterQuery query) {
    TimeRange range = query.range();
    long fromMillis = range.from().toEpochMilli();
    long toMillis = range.to().toEpochMilli();
    sql.append(" WHERE project = ?", projectId)
        .append(
            " AND received_at >= toDateTime(?) AND received_at <= toDateTime(?)",
            Math.floorDiv(fromMillis, 1000L),
            Math.floorDiv(toMillis, 1000L))
        .append(" AND received_ms >= ? AND received_ms < ?", fromMillis, toMillis);
    if (!query.causes().isEmpty()) {
      sql.append(" AND cause IN ").appendList(query.causes());
    }
  }
}
