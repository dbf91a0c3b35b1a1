package io.devlogs.query.support;

import io.devlogs.projects.ApiKeyStore;
import io.devlogs.query.QueryDeps;
import io.devlogs.query.QueryOptions;
import io.devlogs.query.QueryServer;
import io.devlogs.query.clickhouse.ClickHouseLimits;
import io.devlogs.query.clickhouse.ClickHouseReader;
import io.devlogs.query.deadletters.ClickHouseDeadLetters;
import io.devlogs.query.load.QueryLoad;
import io.devlogs.query.logs.ClickHouseLogSearch;
import io.devlogs.query.logs.LogSearch;
import io.devlogs.query.loki.ClickHouseLokiStore;
import io.devlogs.query.patterns.ClickHousePatterns;
import io.devlogs.query.streams.StreamReader;
import io.devlogs.settings.Settings;
import io.javalin.Javalin;

/**
 * The query app wired to the real local stack: keys from PostgreSQL, search on ClickHouse as the
 * service's own read-only user ({@code query.clickhouse-user}), so tests also prove the reader may
 * send the limit settings. Run it with {@code JavalinTest}.
 */
public final class LocalQueryApp {
  private LocalQueryApp() {}

  /** No stream store: the ClickHouse routes' tests need none. */
  private static final StreamReader NO_STREAMS =
      (projectId, request) -> {
        throw new UnsupportedOperationException("no stream store in this test");
      };

  public static Javalin create(
      Settings settings, ApiKeyStore keys, StreamReader streams, ClickHouseLimits limits) {
    return QueryServer.createApp(deps(settings, keys, streams, limits));
  }

  /**
   * The ClickHouse routes with these rate limits, store gate and cache; {@code wrapSearch} may wrap
   * the real log search (to hold it while a test fills the gate).
   */
  public static Javalin create(
      Settings settings,
      ApiKeyStore keys,
      QueryLoad load,
      java.util.function.UnaryOperator<LogSearch> wrapSearch) {
    QueryDeps deps = deps(settings, keys);
    return QueryServer.createApp(
        deps.withLogSearch(wrapSearch.apply(deps.logSearch())).withLoad(load));
  }

  /** With the configured limits and no stream store (for tests of ClickHouse routes). */
  public static Javalin create(Settings settings, ApiKeyStore keys) {
    return QueryServer.createApp(deps(settings, keys));
  }

  /** The deps of {@link #create(Settings, ApiKeyStore)}, for tests that replace more parts. */
  public static QueryDeps deps(Settings settings, ApiKeyStore keys) {
    return deps(settings, keys, NO_STREAMS, QueryOptions.from(settings).clickhouseLimits());
  }

  private static QueryDeps deps(
      Settings settings, ApiKeyStore keys, StreamReader streams, ClickHouseLimits limits) {
    ClickHouseReader reader = reader(settings, limits);
    return TestDeps.withProjectKeys(keys)
        .withLogSearch(new ClickHouseLogSearch(reader))
        .withDeadLetters(new ClickHouseDeadLetters(reader))
        .withLoki(new ClickHouseLokiStore(reader))
        .withPatterns(new ClickHousePatterns(reader))
        .withStreams(streams);
  }

  /** A reader of the stack's ClickHouse as the query service's user, with these limits. */
  public static ClickHouseReader reader(Settings settings, ClickHouseLimits limits) {
    QueryOptions options = QueryOptions.from(settings);
    return new ClickHouseReader(
        ClickHouseReader.dataSource(
            options.clickhouseUrl(),
            options.clickhouseUser(),
            options.clickhousePassword(),
            limits),
        limits);
  }
}
