package io.devlogs.query.loki;

import io.devlogs.query.logql.LogqlAst.LogExpr;
import io.devlogs.query.logql.LogqlSql.Direction;
import io.devlogs.query.records.LogEvent;
import io.devlogs.query.records.TimeRange;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Loki's read API asks of the event store besides metric queries (those run through {@link
 * io.devlogs.query.logs.LogSearch#metric}, the one executor the dashboard's charts use too); in
 * production {@link ClickHouseLokiStore}.
 */
public interface LokiStore {

  /** At most {@code limit} events of a log query in {@code range}, in {@code direction}. */
  List<LogEvent> logs(
      String projectId, LogExpr log, TimeRange range, int limit, Direction direction);

  /** Label names of the events in range (of the selector's events, if given), sorted. */
  List<String> labelNames(String projectId, TimeRange range, Optional<LogExpr> selector);

  /** The distinct non-empty values of a label in range, sorted. */
  List<String> labelValues(
      String projectId, String label, TimeRange range, Optional<LogExpr> selector);

  /** The streams of a selector's events in range, each as its labels. */
  List<Map<String, String>> series(String projectId, TimeRange range, LogExpr selector);

  /** Streams, events and bytes of a selector's events in range. */
  IndexStats stats(String projectId, TimeRange range, LogExpr selector);

  /** Bytes per value of {@code labels}, largest first, at most {@code limit}. */
  List<Volume> volume(
      String projectId, TimeRange range, LogExpr selector, List<String> labels, int limit);

  /** Attribute keys of a selector's events in range with their number of distinct values. */
  List<DetectedField> detectedFields(
      String projectId, TimeRange range, LogExpr selector, int limit);

  /** Most label names or values a metadata route answers. */
  int MAX_LABELS = 10_000;

  /** Loki's {@code index/stats}: devlogs has no chunks, so {@code chunks} counts the streams. */
  record IndexStats(long streams, long chunks, long entries, long bytes) {}

  /** Bytes of one label set. */
  record Volume(Map<String, String> labels, long bytes) {
    public Volume {
      labels = Map.copyOf(labels);
    }
  }

  /** An attribute key and its number of distinct values. */
  record DetectedField(String label, long cardinality) {}
}
