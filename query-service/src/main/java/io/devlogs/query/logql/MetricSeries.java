package io.devlogs.query.logql;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One series of a metric query's answer: its labels and its points, oldest first; an evaluation
 * without events has no point. The dashboard's chart ({@code GET /v1/logql/series}) and Loki's
 * {@code query_range}/{@code query} both read these, from the one executor ({@link
 * io.devlogs.query.logs.LogSearch#metric}).
 */
public record MetricSeries(Map<String, String> labels, List<Point> points) {
  /** Loki's default {@code max_query_series}: the most series one metric query may answer. */
  public static final int MAX_SERIES = 500;

  public MetricSeries {
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    points = List.copyOf(points);
  }

  /** The value at one evaluation time. */
  public record Point(Instant time, double value) {}

  /**
   * Groups the rows of a {@link MetricSql} (ordered by series, then time) into series; pure. A
   * value that is not finite (no number to show) is left out. A series beyond {@code maxSeries} is
   * a 422 naming the limit, raised as soon as its first row is read.
   */
  public static final class Collector {
    private final MetricSql sql;
    private final int maxSeries;
    private final List<MetricSeries> series = new ArrayList<>();
    private List<String> currentValues;
    private List<Point> currentPoints;
    private int seen;

    public Collector(MetricSql sql, int maxSeries) {
      this.sql = sql;
      this.maxSeries = maxSeries;
    }

    /** One row: the label values in {@link MetricSql#labels} order, the evaluation index, value. */
    public void add(List<String> labelValues, long k, double value) {
      if (!labelValues.equals(currentValues)) {
        flush();
        if (++seen > maxSeries) {
          throw new ApiException(
              ErrorCode.QUERY_TOO_LARGE,
              "maximum of series ("
                  + maxSeries
                  + ") reached for a single query; aggregate with sum by (...) or narrow the"
                  + " selector");
        }
        currentValues = List.copyOf(labelValues);
        currentPoints = new ArrayList<>();
      }
      if (Double.isFinite(value)) {
        long nanos = sql.startNanos() + k * sql.stepNanos();
        currentPoints.add(
            new Point(
                Instant.ofEpochSecond(
                    Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)),
                value));
      }
    }

    public List<MetricSeries> series() {
      flush();
      return List.copyOf(series);
    }

    private void flush() {
      if (currentValues == null) {
        return;
      }
      if (!currentPoints.isEmpty()) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < sql.labels().size(); i++) {
          // A label without a value is no label, as in Loki ({} for a missing "by" label).
          if (!currentValues.get(i).isEmpty()) {
            labels.put(sql.labels().get(i), currentValues.get(i));
          }
        }
        series.add(new MetricSeries(labels, currentPoints));
      }
      currentValues = null;
      currentPoints = null;
    }
  }
}
