package io.devlogs.query;

import io.devlogs.query.deadletters.DeadLetters;
import io.devlogs.query.http.CursorSeal;
import io.devlogs.query.http.QueryKeys;
import io.devlogs.query.logs.LogSearch;
import io.devlogs.query.metrics.WindowTotals;
import io.devlogs.query.patterns.Patterns;
import io.devlogs.query.streams.StreamReader;
import io.devlogs.query.tail.TailHub;
import java.time.Clock;
import java.util.Objects;

/**
 * What the HTTP app needs: key lookup, the stores behind small interfaces, the seal of paging
 * cursors, the live-tail hub and a clock. Tests replace the parts they exercise with the {@code
 * with...} methods.
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
    Objects.requireNonNull(patterns, "patterns");
  }

  public QueryDeps withLogSearch(LogSearch logSearch) {
    return new QueryDeps(
        keys, logSearch, cursorSeal, streams, windowTotals, deadLetters, tail, clock, patterns);
  }

  public QueryDeps withCursorSeal(CursorSeal cursorSeal) {
    return new QueryDeps(
        keys, logSearch, cursorSeal, streams, windowTotals, deadLetters, tail, clock, patterns);
  }

  public QueryDeps withStreams(StreamReader streams) {
    return new QueryDeps(
        keys, logSearch, cursorSeal, streams, windowTotals, deadLetters, tail, clock, patterns);
  }

  public QueryDeps withWindowTotals(WindowTotals windowTotals) {
    return new QueryDeps(
        keys, logSearch, cursorSeal, streams, windowTotals, deadLetters, tail, clock, patterns);
  }

  public QueryDeps withDeadLetters(DeadLetters deadLetters) {
    return new QueryDeps(
        keys, logSearch, cursorSeal, streams, windowTotals, deadLetters, tail, clock, patterns);
  }

  public QueryDeps withTail(TailHub tail) {
    return new QueryDeps(
        keys, logSearch, cursorSeal, streams, windowTotals, deadLetters, tail, clock, patterns);
  }

  public QueryDeps withPatterns(Patterns patterns) {
    return new QueryDeps(
        keys, logSearch, cursorSeal, streams, windowTotals, deadLetters, tail, clock, patterns);
  }
}
