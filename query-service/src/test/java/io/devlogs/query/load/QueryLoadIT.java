package io.devlogs.query.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.query.logs.EventWriter;
import io.devlogs.query.logs.Facets;
import io.devlogs.query.logs.Histogram;
import io.devlogs.query.logs.LogQuery;
import io.devlogs.query.logs.LogSearch;
import io.devlogs.query.logs.LogSearchRequest;
import io.devlogs.query.records.LogEvent;
import io.devlogs.query.records.TimeRange;
import io.devlogs.query.support.ClickHouseRows;
import io.devlogs.query.support.EventRow;
import io.devlogs.query.support.LocalQueryApp;
import io.devlogs.query.support.OwnedRedis;
import io.devlogs.query.support.QueryApi;
import io.devlogs.query.support.TestProject;
import io.devlogs.query.support.TestProjects;
import io.devlogs.settings.Settings;
import io.devlogs.testing.LocalStack;
import io.devlogs.testing.LocalStackExtension;
import io.devlogs.testing.Poll;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The query service under a crowd, against the local stack's ClickHouse and PostgreSQL: rate limits
 * answer 429 with {@code Retry-After} naming the limit, a full store gate answers 503 at once, and
 * the result cache (in the process, and a real Redis) never answers one project's result to
 * another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(LocalStackExtension.class)
class QueryLoadIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Settings settings;
  private final TestProjects projects;
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private TestProject a;
  private TestProject b;

  QueryLoadIT(LocalStack stack) {
    this.settings = stack.settings();
    this.projects = new TestProjects(stack);
  }

  @BeforeAll
  void seed() {
    a = projects.create("it-load-a");
    b = projects.create("it-load-b");
    List<EventRow> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Instant ts = now.minusSeconds(60 + i);
      rows.add(new EventRow(a.id(), "la-" + i, ts, "INFO", "api", "s", "A line " + i, Map.of()));
      rows.add(new EventRow(b.id(), "lb-" + i, ts, "INFO", "api", "s", "B line " + i, Map.of()));
    }
    new ClickHouseRows(settings).insert(rows);
  }

  /** One search over the seeded rows, the same text for every project. */
  private String searchPath() {
    // Ends before the cache's live bucket, so its key does not move with the clock.
    return "/v1/logs?" + QueryApi.range(now.minusSeconds(3600), now.minusSeconds(30));
  }

  private record Answer(int status, String body, Map<String, List<String>> headers) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(body, e);
      }
    }

    String header(String name) {
      return headers.getOrDefault(name, List.of()).stream().findFirst().orElse(null);
    }
  }

  private static Answer get(HttpClient client, String key, String path) {
    return get(client, key, path, null);
  }

  private static Answer get(HttpClient client, String key, String path, String cacheControl) {
    try (Response response =
        client.get(
            path,
            request -> {
              request.header("Authorization", "Bearer " + key);
              if (cacheControl != null) {
                request.header("Cache-Control", cacheControl);
              }
            })) {
      return new Answer(response.code(), response.body().string(), response.headers().toMultimap());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Javalin app(QueryLoad load, UnaryOperator<LogSearch> wrapSearch) {
    return LocalQueryApp.create(settings, projects.keyStore(), load, wrapSearch);
  }

  private static QueryLoad load(QueryRateLimiter limiter, StoreGate gate, ResultCache cache) {
    return new QueryLoad(
        limiter,
        gate,
        new CachedRoute(
            cache,
            Duration.ofSeconds(10),
            Duration.ofSeconds(10),
            Duration.ofSeconds(60),
            Duration.ofSeconds(60),
            Clock.systemUTC(),
            hit -> {}));
  }

  /**
   * No rate limit, {@code gate}, and a local cache whose entries of past ranges are past their TTL
   * after a millisecond and kept stale for a minute.
   */
  private static QueryLoad withEntriesPastTheirTtl(StoreGate gate) {
    return new QueryLoad(
        QueryRateLimiter.unlimited(),
        gate,
        new CachedRoute(
            new LocalResultCache(1 << 20),
            Duration.ofSeconds(10),
            Duration.ofSeconds(10),
            Duration.ofMillis(1),
            Duration.ofSeconds(60),
            Clock.systemUTC(),
            hit -> {}));
  }

  @Test
  void overAProjectsRateARequestIs429WithRetryAfterNamingTheLimitAndOtherProjectsPass() {
    QueryLoad load =
        load(
            new QueryRateLimiter(3, 0),
            new StoreGate(8, 16, Duration.ofMillis(500)),
            ResultCache.NONE);
    JavalinTest.test(
        app(load, UnaryOperator.identity()),
        (server, client) -> {
          for (int i = 0; i < 3; i++) {
            assertThat(get(client, a.queryKey(), searchPath()).status()).isEqualTo(200);
          }
          Answer refused = get(client, a.queryKey(), "/v1/logs/facets");
          assertThat(refused.status()).isEqualTo(429);
          assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 20);
          JsonNode body = refused.json();
          assertThat(body.path("error").asText()).isEqualTo("rate_limited");
          assertThat(body.path("message").asText())
              .contains("3 requests per minute for this project");
          assertThat(body.path("detail").path("limit").asText())
              .isEqualTo("query.rate-limit.project-per-minute");
          assertThat(body.path("detail").path("perMinute").asInt()).isEqualTo(3);

          assertThat(get(client, b.queryKey(), searchPath()).status())
              .as("another project has its own budget")
              .isEqualTo(200);
        });
  }

  @Test
  void aFullStoreGateAnswers503OverloadedAtOnceWhileTheAdmittedQueryCompletes() throws Exception {
    Semaphore release = new Semaphore(0);
    StoreGate gate = new StoreGate(1, 0, Duration.ofSeconds(30));
    UnaryOperator<LogSearch> holdSearches = real -> new HeldSearch(real, release);
    JavalinTest.test(
        app(load(QueryRateLimiter.unlimited(), gate, ResultCache.NONE), holdSearches),
        (server, client) -> {
          CompletableFuture<Answer> admitted =
              CompletableFuture.supplyAsync(() -> get(client, a.queryKey(), searchPath()));
          Poll.until(Duration.ofSeconds(20), () -> gate.running() == 1, "the search in its slot");

          long start = System.nanoTime();
          Answer refused = get(client, a.queryKey(), "/v1/logs/facets");
          Duration took = Duration.ofNanos(System.nanoTime() - start);
          assertThat(refused.status()).isEqualTo(503);
          assertThat(refused.header("Retry-After")).isEqualTo("1");
          assertThat(refused.json().path("error").asText()).isEqualTo("overloaded");
          assertThat(refused.json().path("detail").path("limit").asText())
              .isEqualTo("query.store-queue");
          assertThat(took).as("not queued for the 30 s timeout").isLessThan(Duration.ofSeconds(10));

          release.release(1);
          Answer done = admitted.get(30, TimeUnit.SECONDS);
          assertThat(done.status()).isEqualTo(200);
          assertThat(QueryApi.ids(done.json().path("events")))
              .containsExactly("la-0", "la-1", "la-2");
        });
  }

  @Test
  void aRequestTheFullGateRefusesGetsTheEntryPastItsTtlMarkedStaleInsteadOf503() throws Exception {
    Semaphore release = new Semaphore(0);
    StoreGate gate = new StoreGate(1, 0, Duration.ofSeconds(30));
    QueryLoad load = withEntriesPastTheirTtl(gate);
    String pastHistogram =
        "/v1/logs/histogram?" + QueryApi.range(now.minusSeconds(7200), now.minusSeconds(60));
    JavalinTest.test(
        app(load, real -> new HeldSearch(real, release)),
        (server, client) -> {
          Answer stored = get(client, a.queryKey(), pastHistogram);
          assertThat(stored.header(CachedRoute.HEADER)).isEqualTo("miss");
          CompletableFuture<Answer> holding =
              CompletableFuture.supplyAsync(() -> get(client, a.queryKey(), searchPath()));
          Poll.until(Duration.ofSeconds(20), () -> gate.running() == 1, "the search in its slot");

          Answer stale = get(client, a.queryKey(), pastHistogram);
          assertThat(stale.status()).isEqualTo(200);
          assertThat(stale.header(CachedRoute.HEADER)).isEqualTo("stale");
          assertThat(stale.body()).isEqualTo(stored.body());
          assertThat(get(client, a.queryKey(), "/v1/logs/facets").status())
              .as("without an entry the refusal stays a 503")
              .isEqualTo(503);

          release.release(1);
          assertThat(holding.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        });
  }

  @Test
  void whileOneRequestRefreshesAnEntryPastItsTtlIdenticalOnesGetItStaleAtOnce() throws Exception {
    Semaphore passes = new Semaphore(1);
    StoreGate gate = new StoreGate(4, 4, Duration.ofSeconds(30));
    QueryLoad load = withEntriesPastTheirTtl(gate);
    JavalinTest.test(
        app(load, real -> new HeldSearch(real, passes)),
        (server, client) -> {
          Answer stored = get(client, a.queryKey(), searchPath());
          assertThat(stored.header(CachedRoute.HEADER)).isEqualTo("miss");
          CompletableFuture<Answer> refreshing =
              CompletableFuture.supplyAsync(() -> get(client, a.queryKey(), searchPath()));
          Poll.until(Duration.ofSeconds(20), () -> gate.running() == 1, "the refresh in its slot");

          Answer meanwhile = get(client, a.queryKey(), searchPath());
          assertThat(meanwhile.status()).isEqualTo(200);
          assertThat(meanwhile.header(CachedRoute.HEADER)).isEqualTo("stale");
          assertThat(meanwhile.body()).isEqualTo(stored.body());
          assertThat(gate.running()).as("the refresh is still held").isEqualTo(1);

          passes.release(1);
          Answer refreshed = refreshing.get(30, TimeUnit.SECONDS);
          assertThat(refreshed.status()).isEqualTo(200);
          assertThat(refreshed.header(CachedRoute.HEADER)).isEqualTo("miss");
        });
  }

  @Test
  void theLocalCacheNeverAnswersOneProjectsResultToAnother() {
    assertCacheKeepsProjectsApart(new LocalResultCache(1 << 20));
  }

  @Test
  void theRedisCacheNeverAnswersOneProjectsResultToAnother() {
    try (OwnedRedis redis = OwnedRedis.start()) {
      RedisResultCache cache = new RedisResultCache(redis.url());
      try {
        assertCacheKeepsProjectsApart(cache);
      } finally {
        cache.close();
      }
    }
  }

  @Test
  void aRequestWithNoCacheIsAnsweredFromTheStoreAndRefreshesTheEntry() {
    QueryLoad load =
        load(
            QueryRateLimiter.unlimited(),
            new StoreGate(8, 16, Duration.ofMillis(500)),
            new LocalResultCache(1 << 20));
    JavalinTest.test(
        app(load, UnaryOperator.identity()),
        (server, client) -> {
          assertThat(get(client, a.queryKey(), searchPath()).header(CachedRoute.HEADER))
              .isEqualTo("miss");
          assertThat(get(client, a.queryKey(), searchPath()).header(CachedRoute.HEADER))
              .isEqualTo("hit");
          Answer fresh = get(client, a.queryKey(), searchPath(), "no-cache");
          assertThat(fresh.header(CachedRoute.HEADER)).isEqualTo("miss");
          assertThat(QueryApi.ids(fresh.json().path("events")))
              .containsExactly("la-0", "la-1", "la-2");
          assertThat(get(client, a.queryKey(), searchPath()).header(CachedRoute.HEADER))
              .as("a plain request after it uses the refreshed entry")
              .isEqualTo("hit");
        });
  }

  private void assertCacheKeepsProjectsApart(ResultCache cache) {
    QueryLoad load =
        load(QueryRateLimiter.unlimited(), new StoreGate(8, 16, Duration.ofMillis(500)), cache);
    JavalinTest.test(
        app(load, UnaryOperator.identity()),
        (server, client) -> {
          Answer firstA = get(client, a.queryKey(), searchPath());
          assertThat(firstA.header(CachedRoute.HEADER)).isEqualTo("miss");
          assertThat(QueryApi.ids(firstA.json().path("events")))
              .containsExactly("la-0", "la-1", "la-2");

          Answer firstB = get(client, b.queryKey(), searchPath());
          assertThat(firstB.header(CachedRoute.HEADER))
              .as("the same request of another project is not a hit")
              .isEqualTo("miss");
          assertThat(QueryApi.ids(firstB.json().path("events")))
              .containsExactly("lb-0", "lb-1", "lb-2");

          Answer againA = get(client, a.queryKey(), searchPath());
          assertThat(againA.header(CachedRoute.HEADER)).isEqualTo("hit");
          assertThat(againA.body()).isEqualTo(firstA.body());
          Answer againB = get(client, b.queryKey(), searchPath());
          assertThat(againB.header(CachedRoute.HEADER)).isEqualTo("hit");
          assertThat(againB.body()).isEqualTo(firstB.body()).doesNotContain("la-");
        });
  }

  /** The real search, each held until it gets a pass, so a test can fill the store gate. */
  private record HeldSearch(LogSearch real, Semaphore passes) implements LogSearch {
    @Override
    public List<LogEvent> search(String projectId, LogSearchRequest request) {
      try {
        if (!passes.tryAcquire(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return real.search(projectId, request);
    }

    @Override
    public Histogram histogram(String projectId, LogQuery query, Duration step) {
      return real.histogram(projectId, query, step);
    }

    @Override
    public Facets facets(String projectId, LogQuery query) {
      return real.facets(projectId, query);
    }

    @Override
    public io.devlogs.query.logs.Fields fields(String projectId, LogQuery query, int values) {
      return real.fields(projectId, query, values);
    }

    @Override
    public List<io.devlogs.query.logql.MetricSeries> metric(
        String projectId,
        io.devlogs.query.logql.LogqlAst.MetricExpr query,
        java.time.Instant start,
        java.time.Instant end,
        long stepNanos,
        int maxSeries) {
      return real.metric(projectId, query, start, end, stepNanos, maxSeries);
    }

    @Override
    public void export(String projectId, LogQuery query, int limit, EventWriter writer) {
      real.export(projectId, query, limit, writer);
    }

    @Override
    public Optional<LogEvent> event(String projectId, String eventId, TimeRange range) {
      return real.event(projectId, eventId, range);
    }
  }
}
