package io.devlogs.flink.aggregate;

import io.devlogs.flink.records.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Hour and day totals served from the minute rows of ClickHouse {@code event_windows}: counts are
 * summed, latency histograms are summed bucket by bucket ({@code sumMap}), and percentiles are read
 * from the summed histogram, so they are as exact as one histogram over all the range's events
 * (within {@link io.devlogs.latency.LatencyBuckets#RELATIVE_ERROR}). Reads with {@code FINAL}, so a
 * window counts once however often it was rewritten. Plain JDBC; runs on ClickHouse 18.16 and
 * current.
 */
public final class WindowRollupQuery {

  /** How long each returned period is. */
  public enum Granularity {
    HOUR("toStartOfHour"),
    DAY("toStartOfDay");

    private final String function;

    Granularity(String function) {
      this.function = function;
    }
  }

  /**
   * Totals of one period, service and level.
   *
   * @param start start of the hour or day (UTC)
   * @param latency the summed histogram: count, sum, min, max and percentiles of durations
   */
  public record Rollup(
      Instant start,
      String service,
      Level level,
      long events,
      long bytes,
      long errors,
      LatencyHistogram latency) {

    public double p50() {
      return latency.percentile(0.50);
    }

    public double p95() {
      return latency.percentile(0.95);
    }

    public double p99() {
      return latency.percentile(0.99);
    }
  }

  private WindowRollupQuery() {}

  /**
   * The query for one project and a half-open range {@code [from, to)} of minutes; parameters:
   * project, from (epoch seconds), to (epoch seconds).
   */
  public static String sql(Granularity granularity) {
    // Aliases differ from column names: an alias equal to a column would be substituted into
    // the other aggregates (minIf(..., latency_count > 0) would read sum(latency_count)).
    return "SELECT toUnixTimestamp("
        + granularity.function
        + "(minute)) AS period, service, toString(level) AS level_name,"
        + " sum(events) AS total_events, sum(bytes) AS total_bytes, sum(errors) AS total_errors,"
        + " sum(latency_count) AS total_latency_count, sum(latency_sum) AS total_latency_sum,"
        + " minIf(latency_min, latency_count > 0) AS total_latency_min,"
        + " maxIf(latency_max, latency_count > 0) AS total_latency_max,"
        + " tupleElement(sumMap(latency_bucket_ids, latency_bucket_counts) AS buckets, 1)"
        + " AS bucket_ids, tupleElement(buckets, 2) AS bucket_counts"
        + " FROM event_windows FINAL"
        + " WHERE project = ? AND minute >= toDateTime(?) AND minute < toDateTime(?)"
        + " GROUP BY period, service, level_name ORDER BY period, service, level_name";
  }

  /** Hour or day totals of {@code project} for the minutes in {@code [from, to)}. */
  public static List<Rollup> query(
      Connection connection, String project, Instant from, Instant to, Granularity granularity)
      throws SQLException {
    List<Rollup> rollups = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(sql(granularity))) {
      ps.setString(1, project);
      ps.setLong(2, from.getEpochSecond());
      ps.setLong(3, to.getEpochSecond());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long count = rs.getLong("total_latency_count");
          LatencyHistogram latency =
              LatencyHistogram.of(
                  ints(rs.getArray("bucket_ids").getArray()),
                  longs(rs.getArray("bucket_counts").getArray()),
                  count,
                  rs.getDouble("total_latency_sum"),
                  count == 0 ? 0 : rs.getDouble("total_latency_min"),
                  count == 0 ? 0 : rs.getDouble("total_latency_max"));
          rollups.add(
              new Rollup(
                  Instant.ofEpochSecond(rs.getLong("period")),
                  rs.getString("service"),
                  Level.valueOf(rs.getString("level_name")),
                  rs.getLong("total_events"),
                  rs.getLong("total_bytes"),
                  rs.getLong("total_errors"),
                  latency));
        }
      }
    }
    return rollups;
  }

  // The legacy driver returns primitive or boxed arrays depending on the element type.
  private static int[] ints(Object array) {
    int n = java.lang.reflect.Array.getLength(array);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = ((Number) java.lang.reflect.Array.get(array, i)).intValue();
    }
    return out;
  }

  private static long[] longs(Object array) {
    int n = java.lang.reflect.Array.getLength(array);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      Object v = java.lang.reflect.Array.get(array, i);
      out[i] = v instanceof Number number ? number.longValue() : Long.parseLong(v.toString());
    }
    return out;
  }
}
