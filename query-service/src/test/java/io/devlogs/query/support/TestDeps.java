package io.devlogs.query.support;

import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.query.QueryDeps;
import io.devlogs.query.http.CursorSeal;
import io.devlogs.query.http.QueryKeys;
import io.devlogs.query.patterns.PatternsResponse;
import io.devlogs.query.tail.TailHub;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** {@link QueryDeps} for tests: the parts a test does not exercise fail or answer nothing. */
public final class TestDeps {
  private TestDeps() {}

  /**
   * Key lookup and a clock; log searches fail, streams, windows, patterns and dead letters are
   * empty, cursors are sealed with a random secret and live tail is unavailable. Replace parts with
   * {@code with...}.
   */
  public static QueryDeps of(QueryKeys keys, Clock clock) {
    return new QueryDeps(
        keys,
        new UnusedLogSearch(),
        CursorSeal.withRandomSecret(),
        (projectId, request) -> List.of(),
        (projectId, query) -> List.of(),
        new NoDeadLetters(),
        TailHub.unavailable(),
        clock,
        (projectId, request) ->
            new PatternsResponse(request.first(), request.bucketSeconds(), List.of()));
  }

  /** As {@link #of}, with the keys of PostgreSQL's projects and the system clock. */
  public static QueryDeps withProjectKeys(ApiKeyStore keys) {
    return of(new KeyAuthenticator(keys, Duration.ofSeconds(5))::authenticate, Clock.systemUTC());
  }
}
