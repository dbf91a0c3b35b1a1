package io.devlogs.query.deadletters;

import io.devlogs.deadletters.DeadLetterRow;
import io.devlogs.query.clickhouse.ClickHouseReader;
import io.devlogs.query.logs.EventPosition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link DeadLetters} over ClickHouse {@code devlogs.dead_letters} (statements in {@link
 * DeadLetterSql}, run with the reader's limits), which the job's exactly-once sink fills.
 */
public final class ClickHouseDeadLetters implements DeadLetters {
  private final ClickHouseReader reader;

  public ClickHouseDeadLetters(ClickHouseReader reader) {
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  @Override
  public List<DeadLetter> page(
      String projectId, DeadLetterQuery query, int limit, Optional<EventPosition> after) {
    return reader.list(
        DeadLetterSql.page(projectId, query, limit, after),
        limit,
        ClickHouseDeadLetters::toDeadLetter);
  }

  @Override
  public List<CauseCount> counts(String projectId, DeadLetterQuery query) {
    return reader.list(
        DeadLetterSql.counts(projectId, query),
        DeadLetterSql.MAX_CAUSES,
        row -> new CauseCount(row.getString("cause"), row.getLong("n")));
  }

  private static DeadLetter toDeadLetter(ResultSet row) throws SQLException {
    DeadLetterRow stored =
        DeadLetterRow.read(
            new DeadLetterRow.Columns<SQLException>() {
              @Override
              public String text(String column) throws SQLException {
                return row.getString(
                    column.equals(DeadLetterRow.VALUE) ? DeadLetterSql.VALUE_SHOWN : column);
              }

              @Override
              public long number(String column) throws SQLException {
                return row.getLong(column);
              }
            });
    return DeadLetter.shown(stored, row.getLong(DeadLetterSql.VALUE_CHARS));
  }
}
