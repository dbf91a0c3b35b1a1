package io.devlogs.query.logs;

import io.devlogs.flink.records.Level;
import io.devlogs.query.clickhouse.SqlBuilder;
import io.devlogs.query.clickhouse.SqlQuery;
import io.devlogs.query.filters.SearchFilters;
import io.devlogs.query.records.TimeRange;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The statements over {@code devlogs.events}; pure. Every user value is a bound parameter, and the
 * text depends only on which filters are present and how many values they have.
 *
 * <p>Duplicates: the job's exactly-once sink writes each event once; a duplicate row (same project,
 * ts, nanos and id) can only come from another writer or a replay. Event lists collapse such rows
 * with {@code LIMIT 1 BY} (they are adjacent in the sort), which costs nothing measurable, whereas
 * {@code FINAL} made a 24-hour search of a 5 M-row project 3 times and a count 10 times slower on
 * 18.16. Counts (histogram, facets) do not collapse them: a replayed event counts twice until
 * ClickHouse merges the parts.
 */
public final class EventSql {
  public static final String COLUMNS =
      "event_id, toUInt32(ts) AS ts_seconds, ts_nanos, level, service, stream, message,"
          + " attr_keys, attr_values";
  private static final String NEWEST_FIRST =
      " ORDER BY ts DESC, ts_nanos DESC, event_id DESC LIMIT 1 BY ts, ts_nanos, event_id";
  private static final String EPOCH_NANOS = "toUInt64(ts) * 1000000000 + ts_nanos";
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private EventSql() {}

  /** Which of the filters a statement leaves out (facets count the values of their dimension). */
  public enum Without {
    NOTHING,
    LEVEL,
    SERVICE
  }

  /** A page of a search, newest first, continuing after {@code request.after()}. */
  public static SqlQuery searchPage(String projectId, LogSearchRequest request) {
    SqlBuilder sql = new SqlBuilder().append("SELECT " + COLUMNS + " FROM devlogs.events");
    where(sql, projectId, request.query(), Without.NOTHING);
    request
        .after()
        .ifPresent(
            after -> {
              long nanos = epochNanos(after.timestamp());
              sql.append(" AND ts <= toDateTime(?)", after.timestamp().getEpochSecond())
                  .append(
                      " AND ("
                          + EPOCH_NANOS
                          + " < ? OR ("
                          + EPOCH_NANOS
                          + " = ? AND event_id < ?))",
                      nanos,
                      nanos,
                      after.eventId());
            });
    return sql.append(NEWEST_FIRST + " LIMIT ?", request.limit()).build();
  }

  /** Every match (up to {@code limit}), newest first, for a streamed export. */
  static SqlQuery export(String projectId, LogQuery query, int limit) {
    SqlBuilder sql = new SqlBuilder().append("SELECT " + COLUMNS + " FROM devlogs.events");
    where(sql, projectId, query, Without.NOTHING);
    return sql.append(NEWEST_FIRST + " LIMIT ?", limit).build();
  }

  /** Matches and errors per {@code stepSeconds} bucket aligned to the epoch, oldest first. */
  public static SqlQuery histogram(String projectId, LogQuery query, long stepSeconds) {
    SqlBuilder sql =
        new SqlBuilder()
            .append(
                "SELECT intDiv(toUInt32(ts), ?) * ? AS bucket, count() AS events,"
                    + " countIf(level IN ('ERROR', 'FATAL')) AS errors FROM devlogs.events",
                stepSeconds,
                stepSeconds);
    where(sql, projectId, query, Without.NOTHING);
    return sql.append(" GROUP BY bucket ORDER BY bucket").build();
  }

  /** Matches per level, ignoring the level filter. */
  static SqlQuery levelCounts(String projectId, LogQuery query) {
    SqlBuilder sql =
        new SqlBuilder().append("SELECT level AS value, count() AS n FROM devlogs.events");
    where(sql, projectId, query, Without.LEVEL);
    return sql.append(" GROUP BY value ORDER BY n DESC, value").build();
  }

  /** The {@code top} services by matches, ignoring the service filter. */
  static SqlQuery serviceCounts(String projectId, LogQuery query, int top) {
    SqlBuilder sql =
        new SqlBuilder().append("SELECT service AS value, count() AS n FROM devlogs.events");
    where(sql, projectId, query, Without.SERVICE);
    return sql.append(" GROUP BY value ORDER BY n DESC, value LIMIT ?", top).build();
  }

  /**
   * The fields of the newest {@code sample} matches as rows {@code (kind, name, value)}: the labels
   * (kind 1) and attributes (kind 0) of each event. {@link #fieldTotals} and {@link #fieldValues}
   * count over it.
   */
  private static SqlBuilder fieldRows(String projectId, LogQuery query, int sample) {
    SqlBuilder sql =
        new SqlBuilder()
            .append(
                "SELECT kind, name, value FROM (SELECT arrayConcat([1, 1, 1],"
                    + " arrayMap(key -> 0, attr_keys)) AS kinds, arrayConcat(['service', 'level',"
                    + " 'stream'], attr_keys) AS names, arrayConcat([service,"
                    + " lower(toString(level)), stream], attr_values) AS vals FROM devlogs.events");
    where(sql, projectId, query, Without.NOTHING);
    return sql.append(
        " ORDER BY ts DESC, ts_nanos DESC LIMIT ?) ARRAY JOIN kinds AS kind, names AS name, vals AS"
            + " value",
        sample);
  }

  /**
   * Per field of the sample: events having it, distinct values and values that are numbers ({@code
   * numberPattern}), busiest first; plus the sample's size in every row.
   */
  static SqlQuery fieldTotals(
      String projectId, LogQuery query, int sample, String numberPattern, int maxFields) {
    SqlBuilder sql =
        new SqlBuilder()
            .append(
                "SELECT kind, name, count() AS events, uniqExact(value) AS distinct_values,"
                    + " countIf(match(value, ?)) AS numbers FROM (",
                numberPattern);
    SqlQuery rows = fieldRows(projectId, query, sample).build();
    sql.append(rows.sql(), rows.parameters().toArray());
    return sql.append(
            ") GROUP BY kind, name ORDER BY kind DESC, events DESC, name LIMIT ?", maxFields)
        .build();
  }

  /** The {@code values} most frequent values of each field of the sample. */
  static SqlQuery fieldValues(String projectId, LogQuery query, int sample, int values) {
    SqlBuilder sql = new SqlBuilder().append("SELECT kind, name, value, count() AS n FROM (");
    SqlQuery rows = fieldRows(projectId, query, sample).build();
    sql.append(rows.sql(), rows.parameters().toArray());
    return sql.append(
            ") GROUP BY kind, name, value ORDER BY kind, name, n DESC, value LIMIT ? BY kind, name",
            values)
        .build();
  }

  /** One event by id within a range. */
  static SqlQuery byId(String projectId, String eventId, TimeRange range) {
    SqlBuilder sql = new SqlBuilder().append("SELECT " + COLUMNS + " FROM devlogs.events");
    where(sql, projectId, new LogQuery(range, SearchFilters.NONE), Without.NOTHING);
    return sql.append(" AND event_id = ? LIMIT 1", eventId).build();
  }

  /** {@code WHERE} with the project, the half-open range and the filters. */
  public static void where(SqlBuilder sql, String projectId, LogQuery query, Without without) {
    Objects.requireNonNull(projectId, "projectId");
    Instant from = query.range().from();
    Instant to = query.range().to();
    // Whole seconds on ts first (primary key and partition pruning), then the exact bounds.
    sql.append(" WHERE project = ?", projectId)
        .append(
            " AND ts >= toDateTime(?) AND ts <= toDateTime(?)",
            from.getEpochSecond(),
            to.getEpochSecond())
        .append(
            " AND " + EPOCH_NANOS + " >= ? AND " + EPOCH_NANOS + " < ?",
            epochNanos(from),
            epochNanos(to));
    SearchFilters filters = query.filters();
    if (!filters.levels().isEmpty() && without != Without.LEVEL) {
      sql.append(" AND level IN ")
          .appendList(filters.levels().stream().sorted().map(Level::name).toList());
    }
    if (!filters.services().isEmpty() && without != Without.SERVICE) {
      sql.append(" AND service IN ").appendList(filters.services().stream().sorted().toList());
    }
    filters.stream().ifPresent(stream -> sql.append(" AND stream = ?", stream));
    filters.pattern().ifPresent(pattern -> sql.append(" AND pattern_id = ?", pattern));
    for (String term : filters.terms()) {
      sql.append(" AND positionCaseInsensitiveUTF8(message, ?) > 0", term);
    }
    for (Map.Entry<String, String> attribute :
        new java.util.TreeMap<>(filters.attributes()).entrySet()) {
      // indexOf is 0 for a missing key and [0] reads a default '', hence has() first.
      sql.append(
          " AND has(attr_keys, ?) AND attr_values[indexOf(attr_keys, ?)] = ?",
          attribute.getKey(),
          attribute.getKey(),
          attribute.getValue());
    }
    filters.logql().ifPresent(logql -> logql.appendConditions(sql));
  }

  static long epochNanos(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
  }
}
