package io.devlogs.query.metrics;

import io.devlogs.flink.records.Level;
import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The body of {@code GET /v1/metrics/series}: one series per key, each with a point for every
 * period of the range, oldest first; periods without windows are zeros with null percentiles.
 */
public record SeriesResponse(String granularity, List<Series> series) {

  /** Most points in one answer (series x points per series); more is 422 query_too_large. */
  public static final long MAX_TOTAL_POINTS = 300_000;

  /** One service's or level's points. */
  public record Series(String key, List<Point> points) {}

  /** One period; latency percentiles in milliseconds, null without durations. */
  public record Point(
      Instant start,
      long events,
      long errors,
      double errorRate,
      Double p50,
      Double p95,
      Double p99) {

    static Point of(PeriodTotals totals) {
      SummedLatency latency = totals.latency();
      return new Point(
          totals.start(),
          totals.events(),
          totals.errors(),
          totals.errorRate(),
          latency.percentile(Quantile.P50),
          latency.percentile(Quantile.P95),
          latency.percentile(Quantile.P99));
    }

    static Point empty(Instant start) {
      return new Point(start, 0, 0, 0, null, null, null);
    }
  }

  /**
   * Zero-fills {@code rows} into series over every period of the request. The series are the keys
   * found in the rows plus the keys the request filtered on for its group-by dimension (so a
   * requested service without events gets a flat series); services sort by name, levels by
   * severity.
   */
  public static SeriesResponse of(SeriesRequest request, List<PeriodTotals> rows) {
    Periods periods = request.periods();
    Comparator<String> order =
        request.groupBy() == SeriesGroupBy.LEVEL
            ? Comparator.comparing(key -> Level.valueOf(key).ordinal())
            : Comparator.naturalOrder();
    TreeSet<String> keys = new TreeSet<>(order);
    rows.forEach(row -> keys.add(row.key()));
    if (request.groupBy() == SeriesGroupBy.LEVEL) {
      request.levels().forEach(level -> keys.add(level.name()));
    } else {
      keys.addAll(request.services());
    }
    if (keys.size() * periods.count() > MAX_TOTAL_POINTS) {
      throw new ApiException(
          ErrorCode.QUERY_TOO_LARGE,
          keys.size()
              + " series of "
              + periods.count()
              + " points are more than "
              + MAX_TOTAL_POINTS
              + " points; narrow the time range, choose a coarser granularity or filter services");
    }
    Map<String, Map<Instant, PeriodTotals>> byKey = new HashMap<>();
    for (PeriodTotals row : rows) {
      byKey.computeIfAbsent(row.key(), k -> new HashMap<>()).put(row.start(), row);
    }
    List<Series> series =
        keys.stream()
            .map(key -> new Series(key, points(periods, byKey.getOrDefault(key, Map.of()))))
            .toList();
    return new SeriesResponse(periods.granularity().label(), series);
  }

  private static List<Point> points(Periods periods, Map<Instant, PeriodTotals> rows) {
    Point[] points = new Point[Math.toIntExact(periods.count())];
    for (int i = 0; i < points.length; i++) {
      Instant start = periods.start(i);
      PeriodTotals row = rows.get(start);
      points[i] = row == null ? Point.empty(start) : Point.of(row);
    }
    return List.of(points);
  }
}
