package io.devlogs.query;

import io.devlogs.query.http.QueryKeys;
import io.devlogs.query.logs.LogSearch;
import io.devlogs.query.logs.SearchCursor;
import io.devlogs.query.streams.StreamReader;
import java.time.Clock;
import java.util.Objects;

/** What the HTTP app needs: key lookup, the two stores behind small interfaces, and a clock. */
public record QueryDeps(
    QueryKeys keys,
    LogSearch logSearch,
    StreamReader streams,
    Clock clock,
    SearchCursor searchCursors) {
  public QueryDeps {
    Objects.requireNonNull(searchCursors, "searchCursors");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(logSearch, "logSearch");
    Objects.requireNonNull(streams, "streams");
    Objects.requireNonNull(clock, "clock");
  }

  /** With search cursors signed by a random per-process secret. */
  public QueryDeps(QueryKeys keys, LogSearch logSearch, StreamReader streams, Clock clock) {
    this(keys, logSearch, streams, clock, SearchCursor.withRandomSecret());
  }
}
