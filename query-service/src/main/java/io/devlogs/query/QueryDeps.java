package io.devlogs.query;

import io.devlogs.http.Readiness;
import io.devlogs.query.deadletters.DeadLetters;
import io.devlogs.query.http.CursorSeal;
import io.devlogs.query.http.QueryKeys;
import io.devlogs.query.load.QueryLoad;
import io.devlogs.query.logs.LogSearch;
import io.devlogs.query.loki.LokiStore;
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
    Patterns patterns,
    LokiStore loki) {

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
    Objects.requireNonNull(loki, "loki");
  }

  public QueryDeps withLogSearch(LogSearch logSearch) {
    return toBuilder().logSearch(logSearch).build();
  }

  public QueryDeps withCursorSeal(CursorSeal cursorSeal) {
    return toBuilder().cursorSeal(cursorSeal).build();
  }

  public QueryDeps withStreams(StreamReader streams) {
    return toBuilder().streams(streams).build();
  }

  public QueryDeps withWindowTotals(WindowTotals windowTotals) {
    return toBuilder().windowTotals(windowTotals).build();
  }

  public QueryDeps withDeadLetters(DeadLetters deadLetters) {
    return toBuilder().deadLetters(deadLetters).build();
  }

  public QueryDeps withLoad(QueryLoad load) {
    return toBuilder().load(load).build();
  }

  public QueryDeps withTail(TailHub tail) {
    return toBuilder().tail(tail).build();
  }

  public QueryDeps withStatus(ProjectStatuses status) {
    return toBuilder().status(status).build();
  }

  public QueryDeps withReadiness(Readiness readiness) {
    return toBuilder().readiness(readiness).build();
  }

  public QueryDeps withMetrics(QueryMetrics metrics) {
    return toBuilder().metrics(metrics).build();
  }

  public QueryDeps withPatterns(Patterns patterns) {
    return toBuilder().patterns(patterns).build();
  }

  public QueryDeps withLoki(LokiStore loki) {
    return toBuilder().loki(loki).build();
  }

  private Builder toBuilder() {
    Builder builder = new Builder();
    builder.keys = keys;
    builder.logSearch = logSearch;
    builder.cursorSeal = cursorSeal;
    builder.streams = streams;
    builder.windowTotals = windowTotals;
    builder.deadLetters = deadLetters;
    builder.tail = tail;
    builder.clock = clock;
    builder.load = load;
    builder.status = status;
    builder.readiness = readiness;
    builder.metrics = metrics;
    builder.patterns = patterns;
    builder.loki = loki;
    return builder;
  }

  /**
   * A copy with some parts replaced: each part is named once here, not once per {@code with...}.
   */
  private static final class Builder {
    private QueryKeys keys;
    private LogSearch logSearch;
    private CursorSeal cursorSeal;
    private StreamReader streams;
    private WindowTotals windowTotals;
    private DeadLetters deadLetters;
    private TailHub tail;
    private Clock clock;
    private QueryLoad load;
    private ProjectStatuses status;
    private Readiness readiness;
    private QueryMetrics metrics;
    private Patterns patterns;
    private LokiStore loki;

    Builder logSearch(LogSearch logSearch) {
      this.logSearch = logSearch;
      return this;
    }

    Builder cursorSeal(CursorSeal cursorSeal) {
      this.cursorSeal = cursorSeal;
      return this;
    }

    Builder streams(StreamReader streams) {
      this.streams = streams;
      return this;
    }

    Builder windowTotals(WindowTotals windowTotals) {
      this.windowTotals = windowTotals;
      return this;
    }

    Builder deadLetters(DeadLetters deadLetters) {
      this.deadLetters = deadLetters;
      return this;
    }

    Builder tail(TailHub tail) {
      this.tail = tail;
      return this;
    }

    Builder load(QueryLoad load) {
      this.load = load;
      return this;
    }

    Builder status(ProjectStatuses status) {
      this.status = status;
      return this;
    }

    Builder readiness(Readiness readiness) {
      this.readiness = readiness;
      return this;
    }

    Builder metrics(QueryMetrics metrics) {
      this.metrics = metrics;
      return this;
    }

    Builder patterns(Patterns patterns) {
      this.patterns = patterns;
      return this;
    }

    Builder loki(LokiStore loki) {
      this.loki = loki;
      return this;
    }

    QueryDeps build() {
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
          patterns,
          loki);
    }
  }
}
