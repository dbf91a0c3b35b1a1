package io.devlogs.query;

import io.devlogs.query.http.QueryKeys;
import io.devlogs.query.logs.LogSearch;
import io.devlogs.query.metrics.WindowTotals;
import io.devlogs.query.streams.StreamReader;
import io.devlogs.query.tail.TailHub;
import java.time.Clock;
import java.util.Objects;

/**
 * What the HTTP app needs: key lookup, the stores behind small interfaces, the live-tail hub and a
 * clock.
 */
public record QueryDeps(
    QueryKeys keys,
    LogSearch logSearch,
    StreamReader streams,
    Clock clock,
    WindowTotals windowTotals,
    TailHub tail) {
  public QueryDeps {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(logSearch, "logSearch");
    Objects.requireNonNull(streams, "streams");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(windowTotals, "windowTotals");
    Objects.requireNonNull(tail, "tail");
  }

  /** Without live tail: its sockets answer backend_unavailable (tests of the other routes). */
  public QueryDeps(
      QueryKeys keys,
      LogSearch logSearch,
      StreamReader streams,
      Clock clock,
      WindowTotals windowTotals) {
    this(keys, logSearch, streams, clock, windowTotals, TailHub.unavailable());
  }
}
