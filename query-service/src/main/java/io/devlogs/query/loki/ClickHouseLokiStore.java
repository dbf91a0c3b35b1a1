package io.devlogs.query.loki;

import io.devlogs.query.clickhouse.ClickHouseReader;
import io.devlogs.query.logql.LogqlAst.LogExpr;
import io.devlogs.query.logql.LogqlSql;
import io.devlogs.query.logql.LogqlSql.Direction;
import io.devlogs.query.logs.ClickHouseLogSearch;
import io.devlogs.query.records.LogEvent;
import io.devlogs.query.records.TimeRange;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** {@link LokiStore} over ClickHouse, every statement under the reader's limits. */
public final class ClickHouseLokiStore implements LokiStore {
  private static final List<String> STREAM_LABELS = List.of("level", "service", "stream");

  private final ClickHouseReader reader;

  public ClickHouseLokiStore(ClickHouseReader reader) {
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  @Override
  public List<LogEvent> logs(
      String projectId, LogExpr log, TimeRange range, int limit, Direction direction) {
    return reader.list(
        LogqlSql.logs(projectId, log, range, limit, direction),
        limit,
        ClickHouseLogSearch::toEvent);
  }

  @Override
  public List<String> labelNames(String projectId, TimeRange range, Optional<LogExpr> selector) {
    boolean any = !reader.list(LokiSql.anyEvent(projectId, range, selector), 1, row -> 1).isEmpty();
    if (!any) {
      return List.of();
    }
    TreeSet<String> names = new TreeSet<>(STREAM_LABELS);
    names.addAll(
        reader.list(
            LokiSql.attributeKeys(projectId, range, selector, MAX_LABELS),
            MAX_LABELS,
            row -> row.getString("name")));
    return List.copyOf(names);
  }

  @Override
  public List<String> labelValues(
      String projectId, String label, TimeRange range, Optional<LogExpr> selector) {
    return reader.list(
        LokiSql.labelValues(projectId, label, range, selector, MAX_LABELS),
        MAX_LABELS,
        row -> row.getString("value"));
  }

  @Override
  public List<Map<String, String>> series(String projectId, TimeRange range, LogExpr selector) {
    return reader.list(
        LokiSql.series(projectId, range, selector, MAX_LABELS),
        MAX_LABELS,
        row -> {
          Map<String, String> labels = new TreeMap<>();
          put(labels, "level", row.getString("level_label"));
          put(labels, "service", row.getString("service"));
          put(labels, "stream", row.getString("stream"));
          return labels;
        });
  }

  @Override
  public IndexStats stats(String projectId, TimeRange range, LogExpr selector) {
    return reader
        .list(
            LokiSql.stats(projectId, range, selector),
            1,
            row -> {
              long streams = row.getLong("streams");
              return new IndexStats(streams, streams, row.getLong("entries"), row.getLong("bytes"));
            })
        .get(0);
  }

  @Override
  public List<Volume> volume(
      String projectId, TimeRange range, LogExpr selector, List<String> labels, int limit) {
    return reader.list(
        LokiSql.volume(projectId, range, selector, labels, limit),
        limit,
        row -> {
          Map<String, String> values = new TreeMap<>();
          for (int i = 0; i < labels.size(); i++) {
            put(values, labels.get(i), row.getString("g" + i));
          }
          return new Volume(values, row.getLong("bytes"));
        });
  }

  @Override
  public List<DetectedField> detectedFields(
      String projectId, TimeRange range, LogExpr selector, int limit) {
    return reader.list(
        LokiSql.detectedFields(projectId, range, selector, limit),
        limit,
        row -> new DetectedField(row.getString("name"), row.getLong("cardinality")));
  }

  private static void put(Map<String, String> labels, String name, String value) {
    if (value != null && !value.isEmpty()) {
      labels.put(name, value);
    }
  }
}
