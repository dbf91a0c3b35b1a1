package io.devlogs.query.metrics;

import io.devlogs.flink.records.Level;
import io.devlogs.latency.LatencyBuckets;
import io.devlogs.query.clickhouse.ClickHouseReader;
import io.devlogs.query.clickhouse.SqlBuilder;
import io.devlogs.query.clickhouse.SqlQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link WindowTotals} over ClickHouse {@code devlogs.event_windows} and its hourly rollup {@code
 * event_hours}: the whole hours of a long range that no period boundary cuts are read from {@code
 * event_hours} where it has their row (60 times fewer rows and histograms to sum: a day's series
 * took 0.2 s from minutes on 10 million events), every other minute from {@code event_windows} (the
 * open hour, an hour whose row is not yet committed, hours from before the rollup existed). A row
 * rewritten with higher versions counts once, at its highest version (its row whose version is the
 * {@code max(version)} of its window, instead of {@code FINAL}). Counts are summed and latency
 * histograms are summed bucket by bucket ({@code sumMap}) per period and key, and the bucket of
 * each {@link Quantile}'s rank is found there; see {@code schema/ddl/clickhouse/003_event_windows
 * .sql} and {@code 007_event_hours.sql}. Every value is a bound parameter; the SQL text depends
 * only on the group-by dimension, whether hours are read and how many services and levels are
 * filtered. Runs on ClickHouse 18.16 and current versions.
 */
public final class ClickHouseWindowTotals implements WindowTotals {

  /** Most rows one read may return (periods x keys); more is a 422 from ClickHouse. */
  public static final long MAX_RESULT_ROWS = 300_000;

  /** The columns summed into a period, besides its time. */
  private static final String SUMMED =
      "service, level, events, errors, latency_count, latency_min, latency_max,"
          + " latency_bucket_ids, latency_bucket_counts";

  private final ClickHouseReader clickhouse;

  public ClickHouseWindowTotals(ClickHouseReader clickhouse) {
    this.clickhouse = Objects.requireNonNull(clickhouse, "clickhouse");
  }

  @Override
  public List<PeriodTotals> read(String projectId, WindowQuery query) {
    return clickhouse.list(toSql(projectId, query), MAX_RESULT_ROWS, row -> toTotals(query, row));
  }

  /** Builds the statement; pure. */
  public static SqlQuery toSql(String projectId, WindowQuery query) {
    Objects.requireNonNull(projectId, "projectId");
    String key = query.groupBy() == SeriesGroupBy.SERVICE ? "service" : "toString(level)";
    // Aliases differ from column names: an alias equal to a column would be substituted into the
    // other aggregates.
    SqlBuilder sql =
        new SqlBuilder()
            .append(
                "SELECT intDiv(toUInt32(minute) - ?, ?) AS period_index, ",
                query.first().getEpochSecond(),
                query.stepSeconds())
            .append(
                key
                    + " AS series_key,"
                    + " sum(events) AS total_events, sum(errors) AS total_errors,"
                    + " sum(latency_count) AS total_latency_count,"
                    + " minIf(latency_min, latency_count > 0) AS total_latency_min,"
                    + " maxIf(latency_max, latency_count > 0) AS total_latency_max,"
                    + " arraySum(tupleElement(sumMap(latency_bucket_ids, latency_bucket_counts)"
                    + " AS buckets, 2)) AS bucket_total"
                    + quantileBuckets()
                    + " FROM ");
    Optional<Hours> hours = Hours.within(query);
    if (hours.isEmpty()) {
      sql.append("devlogs.event_windows");
      appendNewestMinutes(sql, projectId, query, Optional.empty());
    } else {
      sql.append("(SELECT hour AS minute, " + SUMMED + " FROM devlogs.event_hours");
      appendNewestHours(sql, projectId, query, hours.get());
      sql.append(" UNION ALL SELECT minute, " + SUMMED + " FROM devlogs.event_windows");
      appendNewestMinutes(sql, projectId, query, hours);
      sql.append(")");
    }
    return sql.append(" GROUP BY period_index, series_key").build();
  }

  /**
   * The whole hours of a query that no period boundary cuts, when there are enough of them to be
   * worth reading from {@code event_hours}: {@code [first, end)} in epoch seconds. Empty for
   * periods not made of whole hours, and for fewer than {@link #MIN_HOURS} whole hours.
   */
  record Hours(long first, long end) {
    private static final long HOUR = 3_600;

    /**
     * Reading hours costs three subqueries more, about 35 ms on ClickHouse 18.16 even over empty
     * ranges (9 ms against 40 ms for 6 hours of a small project), and saves about 8 ms per hour of
     * a busy project's minute rows (10 million events a day: 6 hours break even, 12 hours take 91
     * ms against 156 ms, 24 hours 110 ms against 200 ms).
     */
    static final int MIN_HOURS = 12;

    static Optional<Hours> within(WindowQuery query) {
      long from = query.first().getEpochSecond();
      boolean hoursFitPeriods =
          query.periods() == 1 || (query.stepSeconds() % HOUR == 0 && from % HOUR == 0);
      long first = Math.floorDiv(from + HOUR - 1, HOUR) * HOUR;
      long end = Math.floorDiv(query.end().getEpochSecond(), HOUR) * HOUR;
      return hoursFitPeriods && end - first >= MIN_HOURS * HOUR
          ? Optional.of(new Hours(first, end))
          : Optional.empty();
    }
  }

  /**
   * WHERE for the rows of {@code event_hours} to read: each (hour, service, level) at its newest
   * version, chosen as for minutes ({@link #appendNewestMinutes}).
   */
  private static void appendNewestHours(
      SqlBuilder sql, String projectId, WindowQuery query, Hours hours) {
    appendHourFilters(sql, projectId, query, hours);
    sql.append(
        " AND (hour, service, level, version) IN (SELECT hour, service, level, max(version)"
            + " FROM devlogs.event_hours");
    appendHourFilters(sql, projectId, query, hours);
    sql.append(" GROUP BY hour, service, level)");
  }

  /**
   * WHERE for the rows of {@code event_windows} to read: each window at its highest version (the
   * rows whose (window, version) the subquery finds as the window's max(version); each (window,
   * version) row lands exactly once, see the DDL), and, when {@code hours} are read from {@code
   * event_hours}, only the minutes whose (hour, service, level) has no row there. Not argMax of
   * every column: argMax over the bucket arrays took 3 times as long as the whole statement. Not
   * FINAL: ClickHouse 18.16 does not apply max_rows_to_read to FINAL reads. Filters are on
   * sorting-key columns, which every version of a window shares. The outer rows need no hour test
   * of their own: the subquery's windows are those of uncovered hours.
   */
  private static void appendNewestMinutes(
      SqlBuilder sql, String projectId, WindowQuery query, Optional<Hours> hours) {
    appendMinuteFilters(sql, projectId, query);
    sql.append(
        " AND (minute, service, level, version) IN (SELECT minute, service, level, max(version)"
            + " FROM devlogs.event_windows");
    appendMinuteFilters(sql, projectId, query);
    if (hours.isPresent()) {
      sql.append(
          " AND (toStartOfHour(minute), service, level) NOT IN (SELECT hour, service, level"
              + " FROM devlogs.event_hours");
      appendHourFilters(sql, projectId, query, hours.get());
      sql.append(")");
    }
    sql.append(" GROUP BY minute, service, level)");
  }

  private static void appendMinuteFilters(SqlBuilder sql, String projectId, WindowQuery query) {
    sql.append(
        " WHERE project = ? AND minute >= toDateTime(?) AND minute < toDateTime(?)",
        projectId,
        query.first().getEpochSecond(),
        query.end().getEpochSecond());
    appendKeyFilters(sql, query);
  }

  private static void appendHourFilters(
      SqlBuilder sql, String projectId, WindowQuery query, Hours hours) {
    sql.append(
        " WHERE project = ? AND hour >= toDateTime(?) AND hour < toDateTime(?)",
        projectId,
        hours.first(),
        hours.end());
    appendKeyFilters(sql, query);
  }

  /** The services and levels of {@code query}. */
  private static void appendKeyFilters(SqlBuilder sql, WindowQuery query) {
    if (!query.services().isEmpty()) {
      sql.append(" AND service IN ").appendList(query.services().stream().sorted().toList());
    }
    if (!query.levels().isEmpty()) {
      sql.append(" AND level IN ")
          .appendList(query.levels().stream().sorted().map(Level::name).toList());
    }
  }

  /**
   * For each quantile, the first bucket whose running count reaches its rank ({@link
   * LatencyBuckets#rank}: {@code ceil(q * count)} in doubles on both sides), 0 when none does. The
   * percentiles are resolved here rather than in Java because reading every period's bucket arrays
   * through the driver cost the 24 h series 2.5-2.9x its SQL time.
   */
  private static String quantileBuckets() {
    // The arrays get their aliases inside the first expression, so they are not result columns.
    String arrays =
        "tupleElement(buckets, 1) AS bucket_ids,"
            + " arrayCumSum(tupleElement(buckets, 2)) AS running_counts";
    StringBuilder sql = new StringBuilder();
    for (Quantile quantile : Quantile.values()) {
      sql.append(", arrayFirst((id, running) -> running >= ceil(")
          .append(quantile.q())
          .append(" * total_latency_count), ")
          .append(quantile.ordinal() == 0 ? arrays : "bucket_ids, running_counts")
          .append(") AS ")
          .append(quantile.column());
    }
    return sql.toString();
  }

  private static PeriodTotals toTotals(WindowQuery query, ResultSet row) throws SQLException {
    long latencyCount = row.getLong("total_latency_count");
    SummedLatency latency = SummedLatency.EMPTY;
    if (latencyCount > 0) {
      int[] rankBuckets = new int[Quantile.values().length];
      for (Quantile quantile : Quantile.values()) {
        rankBuckets[quantile.ordinal()] = row.getInt(quantile.column());
      }
      latency =
          new SummedLatency(
              latencyCount,
              row.getDouble("total_latency_min"),
              row.getDouble("total_latency_max"),
              row.getLong("bucket_total"),
              rankBuckets);
    }
    return new PeriodTotals(
        row.getString("series_key"),
        query.first().plusSeconds(row.getLong("period_index") * query.stepSeconds()),
        row.getLong("total_events"),
        row.getLong("total_errors"),
        latency);
  }
}
