package io.devlogs.query.recording;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.http.ApiException;
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
