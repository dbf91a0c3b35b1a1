package io.devlogs.query.patterns;

import io.devlogs.query.clickhouse.ClickHouseReader;
import io.devlogs.query.clickhouse.SqlBuilder;
import io.devlogs.query.clickhouse.SqlQuery;
import io.devlogs.query.patterns.PatternsRequest.PatternOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link Patterns} over ClickHouse ({@code schema/ddl/clickhouse/005_patterns.sql}): the ranked ids
 * first (by events in the range, or by first seen among the patterns with events in the range),
 * then the sparkline counts and the descriptions of those ids only. Minute rows rewritten with
 * higher versions count once ({@code argMax(events, version)} grouped by the sorting key), pattern
 * rows likewise ({@code argMax(template, version)}). Every value is a bound parameter; the project
 * is the caller's. Runs on ClickHouse 18.16 and current versions.
 */
public final class ClickHousePatterns implements Patterns {

  private static final long MAX_RESULT_ROWS = 100_000;

  private final ClickHouseReader clickhouse;

  public ClickHousePatterns(ClickHouseReader clickhouse) {
    this.clickhouse = Objects.requireNonNull(clickhouse, "clickhouse");
  }

  @Override
  public PatternsResponse read(String projectId, PatternsRequest request) {
    Map<String, Description> described = new HashMap<>();
    List<String> ids;
    if (request.order() == PatternOrder.NEWEST) {
      List<Description> newest =
          clickhouse.list(
              newestSql(projectId, request), MAX_RESULT_ROWS, ClickHousePatterns::description);
      newest.forEach(d -> described.put(d.id(), d));
      ids = newest.stream().map(Description::id).toList();
    } else {
      ids = clickhouse.list(topSql(projectId, request), MAX_RESULT_ROWS, row -> row.getString(1));
      if (!ids.isEmpty()) {
        clickhouse
            .list(describeSql(projectId, ids), MAX_RESULT_ROWS, ClickHousePatterns::description)
            .forEach(d -> described.put(d.id(), d));
      }
    }
    Map<String, long[]> buckets = new HashMap<>();
    if (!ids.isEmpty()) {
      clickhouse.list(
          bucketsSql(projectId, request, ids),
          MAX_RESULT_ROWS,
          row -> {
            long[] counts =
                buckets.computeIfAbsent(row.getString(1), id -> new long[PatternsRequest.BUCKETS]);
            int bucket = (int) row.getLong(2);
            if (bucket >= 0 && bucket < counts.length) {
              counts[bucket] += row.getLong(3);
            }
            return Boolean.TRUE;
          });
    }
    List<PatternSummary> patterns = new ArrayList<>(ids.size());
    for (String id : ids) {
      long[] counts = buckets.getOrDefault(id, new long[PatternsRequest.BUCKETS]);
      Description d = described.get(id);
      patterns.add(
          new PatternSummary(
              id,
              d == null ? "" : d.template(),
              d == null ? "" : d.example(),
              d == null ? null : d.firstSeen(),
              Arrays.stream(counts).sum(),
              Arrays.stream(counts).boxed().toList()));
    }
    return new PatternsResponse(request.first(), request.bucketSeconds(), patterns);
  }

  /** The newest version of each minute row of the range and filters, as a subquery. */
  private static SqlBuilder minutes(
      SqlBuilder sql, String projectId, PatternsRequest request, List<String> ids) {
    sql.append(
        "SELECT minute, pattern_id, service, level, argMax(events, version) AS m_events"
            + " FROM devlogs.pattern_minutes"
            + " WHERE project = ? AND minute >= toDateTime(?) AND minute < toDateTime(?)",
        projectId,
        request.first().getEpochSecond(),
        request.range().to().getEpochSecond());
    if (!request.services().isEmpty()) {
      sql.append(" AND service IN ").appendList(request.services().stream().sorted().toList());
    }
    if (!request.levels().isEmpty()) {
      sql.append(" AND level IN ")
          .appendList(request.levels().stream().map(Enum::name).sorted().toList());
    }
    if (ids != null) {
      sql.append(" AND pattern_id IN ").appendList(ids);
    }
    return sql.append(" GROUP BY minute, pattern_id, service, level");
  }

  /** The ids with the most events in the range. */
  static SqlQuery topSql(String projectId, PatternsRequest request) {
    SqlBuilder sql = new SqlBuilder().append("SELECT pattern_id, sum(m_events) AS total FROM (");
    minutes(sql, projectId, request, null);
    return sql.append(
            ") GROUP BY pattern_id ORDER BY total DESC, pattern_id LIMIT ?", request.limit())
        .build();
  }

  /** The most recently first seen patterns among those with events in the range. */
  static SqlQuery newestSql(String projectId, PatternsRequest request) {
    SqlBuilder sql =
        new SqlBuilder()
            .append(
                "SELECT pattern_id, argMax(template, version) AS p_template,"
                    + " argMax(example, version) AS p_example, toUInt32(min(first_seen)) AS p_first"
                    + " FROM devlogs.patterns WHERE project = ? AND pattern_id IN (SELECT pattern_id"
                    + " FROM (",
                projectId);
    minutes(sql, projectId, request, null);
    return sql.append("))")
        .append(" GROUP BY pattern_id ORDER BY p_first DESC, pattern_id LIMIT ?", request.limit())
        .build();
  }

  /** The descriptions of some ids. */
  static SqlQuery describeSql(String projectId, List<String> ids) {
    return new SqlBuilder()
        .append(
            "SELECT pattern_id, argMax(template, version) AS p_template,"
                + " argMax(example, version) AS p_example, toUInt32(min(first_seen)) AS p_first"
                + " FROM devlogs.patterns WHERE project = ? AND pattern_id IN ",
            projectId)
        .appendList(ids)
        .append(" GROUP BY pattern_id")
        .build();
  }

  /** Events per pattern and sparkline bucket, for some ids. */
  static SqlQuery bucketsSql(String projectId, PatternsRequest request, List<String> ids) {
    SqlBuilder sql =
        new SqlBuilder()
            .append(
                "SELECT pattern_id, intDiv(toUInt32(minute) - ?, ?) AS bucket,"
                    + " sum(m_events) AS n FROM (",
                request.first().getEpochSecond(),
                request.bucketSeconds());
    minutes(sql, projectId, request, ids);
    return sql.append(") GROUP BY pattern_id, bucket").build();
  }

  private record Description(String id, String template, String example, Instant firstSeen) {}

  private static Description description(java.sql.ResultSet row) throws java.sql.SQLException {
    return new Description(
        row.getString("pattern_id"),
        row.getString("p_template"),
        row.getString("p_example"),
        Instant.ofEpochSecond(row.getLong("p_first")));
  }
}
