package io.devlogs.query;

import io.devlogs.query.http.QueryKeys;
import io.devlogs.query.logs.LogSearch;
import io.devlogs.query.metrics.WindowTotals;
import io.devlogs.query.streams.StreamReader;
import java.time.Clock;
import java.util.Objects;

/** What the HTTP app needs: key lookup, the stores behind small interfaces, and a clock. */
public record QueryDeps(
    QueryKeys keys,
    LogSearch logSearch,
    StreamReader streams,
    Clock clock,
    WindowTotals windowTotals) {
  public QueryDeps {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(logSearch, "logSearch");
    Objects.requireNonNull(streams, "streams");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(windowTotals, "windowTotals");
  }
}
