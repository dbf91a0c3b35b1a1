package io.devlogs.query;

import io.devlogs.http.Readiness;
import io.devlogs.query.deadletters.DeadLetters;
import io.devlogs.query.http.CursorSeal;
import io.devlogs.query.http.QueryKeys;
import io.devlogs.query.load.QueryLoad;
import io.devlogs.query.logs.LogSearch;
import io.devlogs.query.metrics.WindowTotals;
import io.devlogs.query.ops.QueryMetrics;
import io.devlogs.query.patterns.Patterns;
import io.devlogs.query.status.ProjectStatuses;
import io.devlogs.query.streams.StreamReader;
import io.devlogs.query.tail.TailHub;
import java.time.Clock;
import java.util.Objects;

/**
 * What the HTTP app needs: key lookup, the stores behind small interfaces, the seal of paging
 * cursors, the live-tail hub, a clock, the limits and cache that hold a crowd, the projects'
 * status, readiness and the service's metrics. Tests replace the parts they exercise with the
 * {@code with...} methods.
 */
public record QueryDeps(
    QueryKeys keys,
    LogSearch logSearch,
    CursorSeal cursorSeal,
    StreamReader streams,
    WindowTotals windowTotals,
    DeadLetters deadLetters,
    TailHub tail,
    Clock clock,
    QueryLoad load,
    ProjectStatuses status,
    Readiness readiness,
    QueryMetrics metrics,
    Patterns patterns) {

  public QueryDeps {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(logSearch, "logSearch");
    Objects.requireNonNull(cursorSeal, "cursorSeal");
    Objects.requireNonNull(streams, "streams");
    Objects.requireNonNull(windowTotals, "windowTotals");
    Objects.requireNonNull(deadLetters, "deadLetters");
    Objects.requireNonNull(tail, "tail");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(load, "load");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(readiness, "readiness");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(patterns, "patterns");
  }

  public QueryDeps withLogSearch(LogSearch logSearch) {
    return new QueryDeps(
        keys,
        logSearch,
        cursorSeal,
        streams,
        windowTotals,
        deadLetters,
        tail,
        clock,
        load,
        status,
        readiness,
        metrics,
        patterns);
  }

  public QueryDeps withCursorSeal(CursorSeal cursorSeal) {
    return new QueryDeps(
        keys,
        logSearch,
        cursorSeal,
        streams,
        windowTotals,
        deadLetters,
        tail,
        clock,
        load,
        status,
        readiness,
        metrics,
        patterns);
  }

  public QueryDeps withStreams(StreamReader streams) {
    return new QueryDeps(
        keys,
        logSearch,
        cursorSeal,
        streams,
        windowTotals,
        deadLetters,
        tail,
        clock,
        load,
        status,
        readiness,
        metrics,
        patterns);
  }

  public QueryDeps withWindowTotals(WindowTotals windowTotals) {
    return new QueryDeps(
        keys,
        logSearch,
        cursorSeal,
        streams,
        windowTotals,
        deadLetters,
        tail,
        clock,
        load,
        status,
        readiness,
        metrics,
        patterns);
  }

  public QueryDeps withDeadLetters(DeadLetters deadLetters) {
    return new QueryDeps(
        keys,
        logSearch,
        cursorSeal,
        streams,
        windowTotals,
        deadLetters,
        tail,
        clock,
        load,
        status,
        readiness,
        metrics,
        patterns);
  }

  /** With these rate limits, store gate and cache. */
  public QueryDeps withLoad(QueryLoad load) {
    return new QueryDeps(
        keys,
        logSearch,
        cursorSeal,
        streams,
        windowTotals,
        deadLetters,
        tail,
        clock,
        load,
        status,
        readiness,
        metrics,
        patterns);
  }

  public QueryDeps withTail(TailHub tail) {
    return new QueryDeps(
        keys,
        logSearch,
        cursorSeal,
        streams,
        windowTotals,
        deadLetters,
        tail,
        clock,
        load,
        status,
        readiness,
        metrics,
        patterns);
  }

  public QueryDeps withStatus(ProjectStatuses status) {
    return new QueryDeps(
        keys,
        logSearch,
        cursorSeal,
        streams,
        windowTotals,
        deadLetters,
        tail,
        clock,
        load,
        status,
        readiness,
        metrics,
        patterns);
  }

  public QueryDeps withReadiness(Readiness readiness) {
    return new QueryDeps(
        keys,
        logSearch,
        cursorSeal,
        streams,
        windowTotals,
        deadLetters,
        tail,
        clock,
        load,
        status,
        readiness,
        metrics,
        patterns);
  }

  public QueryDeps withMetrics(QueryMetrics metrics) {
    return new QueryDeps(
        keys,
        logSearch,
        cursorSeal,
        streams,
        windowTotals,
        deadLetters,
        tail,
        clock,
        load,
        status,
        readiness,
        metrics,
        patterns);
  }

  public QueryDeps withPatterns(Patterns patterns) {
    return new QueryDeps(
        keys,
        logSearch,
        cursorSeal,
        streams,
        windowTotals,
        deadLetters,
        tail,
        clock,
        load,
        status,
        readiness,
        metrics,
        patterns);
  }
}
