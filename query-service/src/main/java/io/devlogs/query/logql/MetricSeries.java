package io.devlogs.query.logql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One series of a metric query's answer: its labels and its points, oldest first; an evaluation
 * without events has no point.
 */
public record MetricSeries(Map<String, String> labels, List<Point> points) {
  public MetricSeries {
    labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    points = List.copyOf(points);
  }

  /** The value at one evaluation time. */
  public record Point(Instant time, double value) {}

  /**
   * Groups the rows of a {@link MetricSql} (ordered by series, then time) into series; pure. A
   * value that is not finite (no number to show) is left out.
   */
  public static final class Collector {
    private final MetricSql sql;
    private final List<MetricSeries> series = new ArrayList<>();
    private List<String> currentValues;
    private List<Point> currentPoints;

    public Collector(MetricSql sql) {
      this.sql = sql;
    }

    /** One row: the label values in {@link MetricSql#labels} order, the evaluation index, value. */
    public void add(List<String> labelValues, long k, double value) {
      if (!labelValues.equals(currentValues)) {
        flush();
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
