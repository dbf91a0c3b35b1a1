package io.devlogs.query.support;

import io.devlogs.http.Readiness;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.query.QueryDeps;
import io.devlogs.query.http.CursorSeal;
import io.devlogs.query.http.QueryKeys;
import io.devlogs.query.load.QueryLoad;
import io.devlogs.query.ops.QueryMetrics;
import io.devlogs.query.patterns.PatternsResponse;
import io.devlogs.query.status.ProjectStatuses;
import io.devlogs.query.status.StatusBounds;
import io.devlogs.query.tail.TailHub;
import io.devlogs.settings.Settings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link QueryDeps} for tests: the parts a test does not exercise fail or answer nothing. */
public final class TestDeps {
  private TestDeps() {}

  /**
   * Key lookup and a clock; log searches fail, streams, windows, patterns and dead letters are
   * empty, cursors are sealed with a random secret, live tail is unavailable, no limit and no
   * cache, the pipeline's status fails, readiness has no checks and the Loki store fails. Replace
   * parts with {@code with...}.
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
        QueryLoad.unlimited(clock),
        new ProjectStatuses(
            () -> {
              throw new UnsupportedOperationException("no pipeline status in this test");
            },
            (projectId, now) -> Optional.empty(),
            new NoDeadLetters(),
            StatusBounds.from(Settings.of(Map.of())),
            clock),
        Readiness.none(),
        new QueryMetrics(),
        (projectId, request) ->
            new PatternsResponse(request.first(), request.bucketSeconds(), List.of()),
        new UnusedLokiStore());
  }

  /** As {@link #of}, with the keys of PostgreSQL's projects and the system clock. */
  public static QueryDeps withProjectKeys(ApiKeyStore keys) {
    return of(new KeyAuthenticator(keys, Duration.ofSeconds(5))::authenticate, Clock.systemUTC());
  }
}
