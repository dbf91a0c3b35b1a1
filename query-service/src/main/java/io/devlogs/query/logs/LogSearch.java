package io.devlogs.query.logs;

import io.devlogs.query.logql.LogqlAst.MetricExpr;
import io.devlogs.query.logql.MetricSeries;
import io.devlogs.query.records.LogEvent;
import io.devlogs.query.records.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads one project's events. Implementations throw {@link io.devlogs.query.http.BackendException}
 * when the store cannot answer and an {@link io.devlogs.query.http.ApiException} 422 when a query
 * is over the store's limits.
 */
public interface LogSearch {
  /** One page, newest first. */
  List<LogEvent> search(String projectId, LogSearchRequest request);

  /** Matches per bucket of {@code step} over the query's range, zeros included. */
  Histogram histogram(String projectId, LogQuery query, Duration step);

  Facets facets(String projectId, LogQuery query);

  /** The labels and attributes of the newest matches, each with its top {@code values} values. */
  Fields fields(String projectId, LogQuery query, int values);

  /**
   * A LogQL metric query evaluated at {@code start, start + step, ...} up to {@code end}; 422 when
   * it has more than {@code maxSeries} series.
   */
  List<MetricSeries> metric(
      String projectId,
      MetricExpr query,
      Instant start,
      Instant end,
      long stepNanos,
      int maxSeries);

  /** Streams up to {@code limit} matches, newest first, to {@code writer}. */
  void export(String projectId, LogQuery query, int limit, EventWriter writer);

  /** The event with this id in the range, if the project has it. */
  Optional<LogEvent> event(String projectId, String eventId, TimeRange range);
}
