package io.devlogs.query.recording;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.alerts.DerivedMetric;
import io.devlogs.http.ApiException;
import io.devlogs.query.alerts.DerivedMetrics;
import io.devlogs.query.clickhouse.ClickHouseReader;
import io.devlogs.query.clickhouse.SqlQuery;
import io.devlogs.query.records.TimeRange;
import io.devlogs.recording.RecordingAggregation;
import io.devlogs.recording.RecordingRule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a rule's minutes from ClickHouse {@code recorded_minutes} ({@code
 * schema/ddl/clickhouse/006_recorded_minutes.sql}): the newest version of each (minute, group) row
 * ({@code argMax(..., version)}), the value the rule's aggregation names. Every value is a bound
 * parameter; the project is the caller's. Runs on ClickHouse 18.16 and current versions.
 */
public final class RecordedMinutes {

  /** A day of minutes for a few hundred groups. */
  static final long MAX_RESULT_ROWS = 500_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ClickHouseReader clickhouse;

  public RecordedMinutes(ClickHouseReader clickhouse) {
    this.clickhouse = Objects.requireNonNull(clickhouse, "clickhouse");
  }

  private RecordedMinutes() {
    this.clickhouse = null;
  }

  /** Minutes without ClickHouse: every read answers 503. */
  static RecordedMinutes unavailable() {
    return new RecordedMinutes();
  }

  /** The rule's series over {@code range} (whole minutes). */
  public RecordedSeries series(String projectId, RecordingRule rule, TimeRange range) {
    if (clickhouse == null) {
      throw ApiException.unavailable("clickhouse", "recorded minutes are not configured");
    }
    record Row(String group, boolean other, Instant minute, Double value, long events) {}
    List<Row> rows =
        clickhouse.list(
            sql(projectId, rule.id(), range),
            MAX_RESULT_ROWS,
            r ->
                new Row(
                    r.getString(1),
                    r.getInt(2) == 1,
                    Instant.ofEpochSecond(r.getLong(3)),
                    value(rule.aggregation(), r),
                    r.getLong(4)));
    Map<String, List<Row>> byGroup = new LinkedHashMap<>();
    for (Row row : rows) {
      byGroup.computeIfAbsent(row.other() + "\n" + row.group(), g -> new ArrayList<>()).add(row);
    }
    List<RecordedSeries.Group> series = new ArrayList<>();
    for (List<Row> group : byGroup.values()) {
      Row first = group.get(0);
      series.add(
          new RecordedSeries.Group(
              group(first.group()),
              first.other(),
              group.stream().mapToLong(Row::events).sum(),
              group.stream()
                  .map(r -> new RecordedSeries.Point(r.minute(), r.value(), r.events()))
                  .toList()));
    }
    series.sort(
        Comparator.comparing(RecordedSeries.Group::other)
            .thenComparing(RecordedSeries.Group::events, Comparator.reverseOrder()));
    return new RecordedSeries(
        rule.id(),
        rule.name(),
        rule.aggregation().wireName(),
        rule.field().orElse(null),
        range.from(),
        range.to(),
        series);
  }

  /**
   * The value per minute of the groups {@code watch} names, added up as the job adds them up
   * (counts, sums, minima and maxima, and means from both sums); a quantile of several groups in
   * one minute cannot be added up from the stored quantiles, so such a preview says so.
   */
  public DerivedMetrics.WatchedMinutes watched(
      String projectId, RecordingRule rule, DerivedMetric watch, TimeRange range) {
    if (clickhouse == null) {
      throw ApiException.unavailable("clickhouse", "recorded minutes are not configured");
    }
    record Row(boolean watched, Instant minute, double[] stats) {}
    List<Row> rows =
        clickhouse.list(
            sql(projectId, rule.id(), range),
            MAX_RESULT_ROWS,
            r -> {
              Map<String, String> group = new TreeMap<>();
              group(r.getString(1))
                  .fields()
                  .forEachRemaining(f -> group.put(f.getKey(), f.getValue().asText()));
              double[] stats = new double[8];
              for (int i = 0; i < stats.length; i++) {
                stats[i] = r.getDouble(4 + i);
              }
              return new Row(
                  watch.watches(group, r.getInt(2) == 1),
                  Instant.ofEpochSecond(r.getLong(3)),
                  stats);
            });
    // Per minute: rows, events, values, min, max, sum, and the quantile of a lone row.
    SortedMap<Instant, double[]> byMinute = new TreeMap<>();
    for (Row row : rows) {
      if (!row.watched()) {
        continue;
      }
      double[] s = row.stats();
      double[] m = byMinute.get(row.minute());
      if (m == null) {
        byMinute.put(
            row.minute(), new double[] {1, s[0], s[1], s[3], s[4], s[2], quantileColumn(rule, s)});
        continue;
      }
      boolean anyValues = m[2] > 0;
      m[0]++;
      m[1] += s[0];
      if (s[1] > 0) {
        m[3] = anyValues ? Math.min(m[3], s[3]) : s[3];
        m[4] = anyValues ? Math.max(m[4], s[4]) : s[4];
        m[5] += s[2];
      }
      m[2] += s[1];
    }
    SortedMap<Instant, Double> values = new TreeMap<>();
    for (Map.Entry<Instant, double[]> minute : byMinute.entrySet()) {
      double[] m = minute.getValue();
      RecordingAggregation a = rule.aggregation();
      if (!Double.isNaN(a.quantile()) && m[0] > 1) {
        return new DerivedMetrics.WatchedMinutes(
            new TreeMap<>(),
            "no preview: the rule watches several groups of a "
                + a.wireName()
                + " metric, and a quantile of several groups cannot be added up from the"
                + " stored per-group quantiles (the job merges their histograms); name every"
                + " group-by field in definition.group to preview one group");
      }
      Double value =
          a == RecordingAggregation.COUNT
              ? Double.valueOf(m[1])
              : m[2] == 0
                  ? null
                  : switch (a) {
                    case SUM -> m[5];
                    case MIN -> m[3];
                    case MAX -> m[4];
                    case AVG -> m[5] / m[2];
                    default -> m[6];
                  };
      if (value != null) {
        values.put(minute.getKey(), value);
      }
    }
    return new DerivedMetrics.WatchedMinutes(values, null);
  }

  /** A lone row's value of the rule's quantile (columns from {@code value_p50}). */
  private static double quantileColumn(RecordingRule rule, double[] stats) {
    return switch (rule.aggregation()) {
      case P50 -> stats[5];
      case P90 -> stats[6];
      case P99 -> stats[7];
      default -> Double.NaN;
    };
  }

  /**
   * Columns: group_key, other, minute (epoch seconds), events, value_count, value_sum, value_min,
   * value_max, value_p50, value_p90, value_p99, ordered by group and minute.
   */
  static SqlQuery sql(String projectId, String ruleId, TimeRange range) {
    return new SqlQuery(
        "SELECT group_key, other, toUInt32(minute) AS t, argMax(events, version),"
            + " argMax(value_count, version), argMax(value_sum, version),"
            + " argMax(value_min, version), argMax(value_max, version),"
            + " argMax(value_p50, version), argMax(value_p90, version),"
            + " argMax(value_p99, version)"
            + " FROM devlogs.recorded_minutes"
            + " WHERE project = ? AND rule_id = ? AND minute >= toDateTime(?)"
            + " AND minute < toDateTime(?)"
            + " GROUP BY group_key, other, minute ORDER BY other, group_key, t",
        List.of(projectId, ruleId, range.from().getEpochSecond(), range.to().getEpochSecond()));
  }

  private static Double value(RecordingAggregation aggregation, ResultSet r) throws SQLException {
    long events = r.getLong(4);
    long values = r.getLong(5);
    if (aggregation == RecordingAggregation.COUNT) {
      return (double) events;
    }
    if (values == 0) {
      return null;
    }
    return switch (aggregation) {
      case SUM -> r.getDouble(6);
      case MIN -> r.getDouble(7);
      case MAX -> r.getDouble(8);
      case AVG -> r.getDouble(6) / values;
      case P50 -> r.getDouble(9);
      case P90 -> r.getDouble(10);
      case P99 -> r.getDouble(11);
      case COUNT -> (double) events;
    };
  }

  private static JsonNode group(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return JSON.createObjectNode();
    }
  }
}
