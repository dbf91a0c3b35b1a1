package io.devlogs.query.deadletters;

import io.devlogs.query.clickhouse.ClickHouseReader;
import io.devlogs.query.logs.EventPosition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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
    return new DeadLetter(
        row.getString("dead_letter_id"),
        Instant.ofEpochMilli(row.getLong("received_ms")),
        row.getString("cause"),
        row.getString("reason"),
        row.getString("value_shown"),
        row.getLong("value_bytes"),
        row.getInt("value_truncated") != 0 || row.getLong("value_chars") > DeadLetter.DISPLAY_CHARS,
        row.getString("format"),
        row.getString("stream"),
        row.getString("service"),
        new DeadLetter.Source(
            row.getString("source_topic"),
            row.getInt("source_partition"),
            row.getLong("source_offset")));
  }
}
