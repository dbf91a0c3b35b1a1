package io.devlogs.query.loki;

import io.devlogs.query.logql.MetricSeries;
import io.devlogs.query.logql.MetricSeries.Point;
import io.devlogs.query.records.LogEvent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bodies of Loki's read API, built as ordered maps in Loki's field order: {@code status}, then
 * {@code data} with {@code resultType}, {@code result} and {@code stats} (Grafana's reader expects
 * {@code stats} after {@code result}). Log lines are {@code [ns-string, line]}; metric points
 * {@code [seconds, "value"]}, the value written as Prometheus does ({@code 1}, {@code 0.5}, {@code
 * NaN}, {@code +Inf}). Pure.
 */
final class LokiJson {
  private LokiJson() {}

  /** {@code {"status":"success","data":data}}. */
  static Map<String, Object> success(Object data) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "success");
    body.put("data", data);
    return body;
  }

  /** A log query's answer: one stream per label set, entries in the order given. */
  static Map<String, Object> streams(List<LogEvent> events, Map<String, Object> stats) {
    Map<Map<String, String>, List<List<String>>> streams = new LinkedHashMap<>();
    for (LogEvent event : events) {
      streams
          .computeIfAbsent(streamLabels(event), l -> new ArrayList<>())
          .add(List.of(nanos(event), event.message() == null ? "" : event.message()));
    }
    List<Map<String, Object>> result = new ArrayList<>();
    streams.forEach(
        (labels, values) -> {
          Map<String, Object> stream = new LinkedHashMap<>();
          stream.put("stream", labels);
          stream.put("values", values);
          result.add(stream);
        });
    return success(data("streams", result, stats));
  }

  /** A range metric query's answer: one series per label set, a point per step with events. */
  static Map<String, Object> matrix(List<MetricSeries> series, Map<String, Object> stats) {
    List<Map<String, Object>> result = new ArrayList<>();
    for (MetricSeries one : series) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("metric", new TreeMap<>(one.labels()));
      List<List<Object>> values = new ArrayList<>();
      for (Point point : one.points()) {
        values.add(point(point));
      }
      entry.put("values", values);
      result.add(entry);
    }
    return success(data("matrix", result, stats));
  }

  /** An instant metric query's answer: one sample per series. */
  static Map<String, Object> vector(List<MetricSeries> series, Map<String, Object> stats) {
    List<Map<String, Object>> result = new ArrayList<>();
    for (MetricSeries one : series) {
      for (Point point : one.points()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("metric", new TreeMap<>(one.labels()));
        entry.put("value", point(point));
        result.add(entry);
      }
    }
    return success(data("vector", result, stats));
  }

  /** A scalar's answer: {@code [seconds, "value"]}. */
  static Map<String, Object> scalar(Point point, Map<String, Object> stats) {
    return success(data("scalar", point(point), stats));
  }

  private static Map<String, Object> data(
      String resultType, Object result, Map<String, Object> stats) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("resultType", resultType);
    data.put("result", result);
    data.put("stats", stats);
    return data;
  }

  /**
   * The {@code stats} block Grafana shows in the query inspector: the fields of Loki's {@code
   * summary} it reads. devlogs counts what the query returned ({@code lines}, {@code bytes}), not
   * what ClickHouse scanned.
   */
  static Map<String, Object> stats(long lines, long bytes, double execSeconds) {
    Map<String, Object> summary = new LinkedHashMap<>();
    double seconds = Math.max(execSeconds, 1e-9);
    summary.put("bytesProcessedPerSecond", (long) (bytes / seconds));
    summary.put("linesProcessedPerSecond", (long) (lines / seconds));
    summary.put("totalBytesProcessed", bytes);
    summary.put("totalLinesProcessed", lines);
    summary.put("execTime", execSeconds);
    summary.put("queueTime", 0);
    summary.put("subqueries", 0);
    summary.put("totalEntriesReturned", lines);
    summary.put("splits", 0);
    summary.put("shards", 0);
    summary.put("totalPostFilterLines", lines);
    summary.put("totalStructuredMetadataBytesProcessed", 0);
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("summary", summary);
    stats.put("querier", Map.of("store", Map.of()));
    stats.put("ingester", Map.of());
    stats.put("cache", Map.of());
    return stats;
  }

  /** A stream's labels: service, level (lower case) and stream, empty ones left out. */
  static Map<String, String> streamLabels(LogEvent event) {
    Map<String, String> labels = new TreeMap<>();
    put(
        labels,
        "level",
        event.level() == null ? null : event.level().toLowerCase(java.util.Locale.ROOT));
    put(labels, "service", event.service());
    put(labels, "stream", event.stream());
    return labels;
  }

  /** Unix nanoseconds as a decimal string. */
  static String nanos(LogEvent event) {
    return Long.toString(
        Math.addExact(
            Math.multiplyExact(event.timestamp().getEpochSecond(), 1_000_000_000L),
            event.timestamp().getNano()));
  }

  private static List<Object> point(Point point) {
    return List.of(seconds(point.time()), value(point.value()));
  }

  /** {@link #seconds(long)} of an instant. */
  static Number seconds(java.time.Instant instant) {
    return seconds(
        Math.addExact(
            Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano()));
  }

  /** Unix seconds as a JSON number: whole, or with the fraction (never an exponent). */
  static Number seconds(long epochNanos) {
    if (epochNanos % 1_000_000_000L == 0) {
      return epochNanos / 1_000_000_000L;
    }
    return BigDecimal.valueOf(epochNanos, 9).stripTrailingZeros();
  }

  /** A sample value as Prometheus writes it. */
  static String value(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }

  private static void put(Map<String, String> labels, String name, String value) {
    if (value != null && !value.isEmpty()) {
      labels.put(name, value);
    }
  }
}
