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

/**
 * {@link WindowTotals} over ClickHouse {@code devlogs.event_windows}: a window rewritten with
 * higher versions counts once, at its highest version ({@code argMax(column, version)} grouped by
 * the table's sorting key, which the DDL allows instead of {@code FINAL}). Counts are summed and
 * latency histograms are summed bucket by bucket ({@code sumMap}) per period and key, and the
 * bucket of each {@link Quantile}'s rank is found there; see {@code
 * schema/ddl/clickhouse/003_event_windows.sql}. Every value is a bound parameter; the SQL text
 * depends only on the group-by dimension and how many services and levels are filtered. Runs on
 * ClickHouse 18.16 and current versions.
 */
public final class ClickHouseWindowTotals implements WindowTotals {

  /** Most rows one read may return (periods x keys); more is a 422 from ClickHouse. */
  public static final long MAX_RESULT_ROWS = 300_000;

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
    // The inner query keeps each window's highest version (argMax grouped by the sorting key);
    // the outer one sums windows into periods. Not FINAL: ClickHouse 18.16 does not apply
    // max_rows_to_read to FINAL reads. Filters are on sorting-key columns, which every version
    // of a window shares, so they may run before the versions are collapsed. Aliases differ from
    // column names: an alias equal to a column would be substituted into the other aggregates.
    SqlBuilder sql =
        new SqlBuilder()
            .append(
                "SELECT intDiv(toUInt32(minute) - ?, ?) AS period_index, ",
                query.first().getEpochSecond(),
                query.stepSeconds())
            .append(
                key
                    + " AS series_key,"
                    + " sum(w_events) AS total_events, sum(w_errors) AS total_errors,"
                    + " sum(w_latency_count) AS total_latency_count,"
                    + " minIf(w_latency_min, w_latency_count > 0) AS total_latency_min,"
                    + " maxIf(w_latency_max, w_latency_count > 0) AS total_latency_max,"
                    + " arraySum(tupleElement(sumMap(w_bucket_ids, w_bucket_counts) AS buckets, 2))"
                    + " AS bucket_total"
                    + quantileBuckets()
                    + " FROM (SELECT minute, service, level,"
                    + " argMax(events, version) AS w_events, argMax(errors, version) AS w_errors,"
                    + " argMax(latency_count, version) AS w_latency_count,"
                    + " argMax(latency_min, version) AS w_latency_min,"
                    + " argMax(latency_max, version) AS w_latency_max,"
                    + " argMax(latency_bucket_ids, version) AS w_bucket_ids,"
                    + " argMax(latency_bucket_counts, version) AS w_bucket_counts"
                    + " FROM devlogs.event_windows")
            .append(
                " WHERE project = ? AND minute >= toDateTime(?) AND minute < toDateTime(?)",
                projectId,
                query.first().getEpochSecond(),
                query.end().getEpochSecond());
    if (!query.services().isEmpty()) {
      sql.append(" AND service IN ").appendList(query.services().stream().sorted().toList());
    }
    if (!query.levels().isEmpty()) {
      sql.append(" AND level IN ")
          .appendList(query.levels().stream().sorted().map(Level::name).toList());
    }
    return sql.append(" GROUP BY minute, service, level) GROUP BY period_index, series_key")
        .build();
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
