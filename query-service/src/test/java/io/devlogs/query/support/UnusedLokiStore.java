package io.devlogs.query.support;

import io.devlogs.query.logql.LogqlAst.LogExpr;
import io.devlogs.query.logql.LogqlSql.Direction;
import io.devlogs.query.loki.LokiStore;
import io.devlogs.query.records.LogEvent;
import io.devlogs.query.records.TimeRange;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link LokiStore} for tests of other parts of the app: every call fails. */
public class UnusedLokiStore implements LokiStore {
  @Override
  public List<LogEvent> logs(
      String projectId, LogExpr log, TimeRange range, int limit, Direction direction) {
    throw unused();
  }

  @Override
  public List<String> labelNames(String projectId, TimeRange range, Optional<LogExpr> selector) {
    throw unused();
  }

  @Override
  public List<String> labelValues(
      String projectId, String label, TimeRange range, Optional<LogExpr> selector) {
    throw unused();
  }

  @Override
  public List<Map<String, String>> series(String projectId, TimeRange range, LogExpr selector) {
    throw unused();
  }

  @Override
  public IndexStats stats(String projectId, TimeRange range, LogExpr selector) {
    throw unused();
  }

  @Override
  public List<Volume> volume(
      String projectId, TimeRange range, LogExpr selector, List<String> labels, int limit) {
    throw unused();
  }

  @Override
  public List<DetectedField> detectedFields(
      String projectId, TimeRange range, LogExpr selector, int limit) {
    throw unused();
  }

  private static UnsupportedOperationException unused() {
    return new UnsupportedOperationException("no Loki store in this test");
  }
}
