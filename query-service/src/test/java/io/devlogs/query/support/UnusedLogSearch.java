package io.devlogs.query.support;

import io.devlogs.query.logql.LogqlAst.MetricExpr;
import io.devlogs.query.logql.MetricSeries;
import io.devlogs.query.logs.EventWriter;
import io.devlogs.query.logs.Facets;
import io.devlogs.query.logs.Fields;
import io.devlogs.query.logs.Histogram;
import io.devlogs.query.logs.LogQuery;
import io.devlogs.query.logs.LogSearch;
import io.devlogs.query.logs.LogSearchRequest;
import io.devlogs.query.records.LogEvent;
import io.devlogs.query.records.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A {@link LogSearch} for tests of other parts of the app: every call fails. Tests that fake one
 * operation extend it and override that operation.
 */
public class UnusedLogSearch implements LogSearch {
  @Override
  public List<LogEvent> search(String projectId, LogSearchRequest request) {
    throw unused();
  }

  @Override
  public Histogram histogram(String projectId, LogQuery query, Duration step) {
    throw unused();
  }

  @Override
  public Facets facets(String projectId, LogQuery query) {
    throw unused();
  }

  @Override
  public Fields fields(String projectId, LogQuery query, int values) {
    throw unused();
  }

  @Override
  public List<MetricSeries> metric(
      String projectId,
      MetricExpr query,
      Instant start,
      Instant end,
      long stepNanos,
      int maxSeries) {
    throw unused();
  }

  @Override
  public void export(String projectId, LogQuery query, int limit, EventWriter writer) {
    throw unused();
  }

  @Override
  public Optional<LogEvent> event(String projectId, String eventId, TimeRange range) {
    throw unused();
  }

  private static UnsupportedOperationException unused() {
    return new UnsupportedOperationException("this test does not expect log searches");
  }
}
