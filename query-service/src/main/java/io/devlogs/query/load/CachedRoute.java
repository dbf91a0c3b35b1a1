package io.devlogs.query.load;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.devlogs.query.http.Authentication;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Answers a read route from the {@link ResultCache} when an identical request ({@link CacheKey}) of
 * the same project was answered recently, and stores each 200 answer: for the live TTL when its
 * range reaches now (the longer windows TTL on routes that read minute windows, which change only
 * when a minute closes), for the past TTL otherwise. Identical requests that miss at the same time
 * in this process wait for the first one's answer instead of each querying the store. An entry is
 * kept {@code stale} longer than its TTL: while one request refreshes it, identical ones get it at
 * once (HTTP's {@code stale-while-revalidate}), and a request the store gate refuses (503 {@code
 * overloaded}) gets it instead ({@code stale-if-error}), so a crowd sees answers a little older
 * rather than waits and errors. Such a request still waits its turn at the store gate: answering
 * the stale entry at once whenever no slot was free (stale-if-busy) was tried, and the crowd
 * benchmark's run of it had fewer cache hits and collapsed at 5,000 users (README, "Crowd
 * benchmark"). The header {@code X-Devlogs-Cache} says {@code hit}, {@code stale} or {@code miss}.
 */
public final class CachedRoute {

  public static final String HEADER = "X-Devlogs-Cache";

  private static final String JSON = "application/json";

  /** How long a request waits for an identical one running in this process. */
  private static final long SHARE_WAIT_SECONDS = 30;

  private final ResultCache cache;
  private final Duration liveTtl;
  private final Duration windowsTtl;
  private final Duration pastTtl;
  private final Duration stale;
  private final Clock clock;
  private final Consumer<Boolean> onLookup;
  private final ConcurrentHashMap<String, CompletableFuture<Optional<byte[]>>> running =
      new ConcurrentHashMap<>();

  /**
   * @param windowsTtl the live TTL of routes that read minute windows ({@link #aroundWindows})
   * @param stale how long past its TTL an entry may answer a request the store gate refuses
   * @param onLookup told {@code true} for every hit (stale ones too), {@code false} for every miss
   *     (metrics)
   */
  public CachedRoute(
      ResultCache cache,
      Duration liveTtl,
      Duration windowsTtl,
      Duration pastTtl,
      Duration stale,
      Clock clock,
      Consumer<Boolean> onLookup) {
    this.cache = cache;
    this.liveTtl = liveTtl;
    this.windowsTtl = windowsTtl;
    this.pastTtl = pastTtl;
    this.stale = stale;
    this.clock = clock;
    this.onLookup = onLookup;
  }

  /** {@code handler} behind the cache; a cache of {@link ResultCache#NONE} returns it as it is. */
  public Handler around(Handler handler) {
    return around(handler, liveTtl);
  }

  /** {@code handler}, a route that reads minute windows, behind the cache with the windows TTL. */
  public Handler aroundWindows(Handler handler) {
    return around(handler, windowsTtl);
  }

  private Handler around(Handler handler, Duration routeLiveTtl) {
    if (cache == ResultCache.NONE) {
      return handler;
    }
    return ctx -> handle(ctx, handler, routeLiveTtl);
  }

  private void handle(Context ctx, Handler handler, Duration routeLiveTtl) throws Exception {
    Optional<CacheKey> key = CacheKey.of(ctx.path(), ctx.queryParamMap(), clock.instant(), liveTtl);
    if (key.isEmpty()) {
      handler.handle(ctx);
      return;
    }
    String projectId = Authentication.projectId(ctx);
    String slot = projectId + "\n" + key.get().text();
    Optional<CachedAnswer> cached =
        wantsFresh(ctx)
            ? Optional.empty()
            : cache.get(projectId, key.get().text()).flatMap(CachedAnswer::decode);
    if (cached.isPresent() && cached.get().freshAt(clock.millis())) {
      answer(ctx, cached.get().body(), "hit");
      return;
    }
    CompletableFuture<Optional<byte[]>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<byte[]>> first = running.putIfAbsent(slot, mine);
    if (first != null) {
      if (cached.isPresent()) {
        // Stale-while-revalidate: one request refreshes the entry, the others need not wait.
        answer(ctx, cached.get().body(), "stale");
        return;
      }
      Optional<byte[]> shared = awaitShared(ctx, first);
      if (shared.isPresent()) {
        answer(ctx, shared.get(), "hit");
        return;
      }
      askStore(ctx, handler, cached);
      return;
    }
    Optional<byte[]> body = Optional.empty();
    try {
      if (!askStore(ctx, handler, cached)) {
        return;
      }
      if (ctx.statusCode() == 200 && ctx.resultInputStream() != null) {
        try (InputStream result = ctx.resultInputStream()) {
          body = Optional.of(result.readAllBytes());
        }
        ctx.result(body.get());
        Duration ttl = key.get().live() ? routeLiveTtl : pastTtl;
        cache.put(
            projectId,
            key.get().text(),
            new CachedAnswer(body.get(), clock.millis() + ttl.toMillis()).encode(),
            ttl.plus(stale));
      }
    } finally {
      mine.complete(body);
      running.remove(slot, mine);
    }
  }

  /**
   * Runs the route; when the store gate refuses it and an entry past its TTL (but within the stale
   * bound) exists, answers that entry instead of 503, as HTTP's {@code stale-if-error} does.
   *
   * @return whether the route answered (false: the stale entry did)
   */
  private boolean askStore(Context ctx, Handler handler, Optional<CachedAnswer> stale)
      throws Exception {
    try {
      handler.handle(ctx);
      onLookup.accept(false);
      ctx.header(HEADER, "miss");
      return true;
    } catch (ApiException refused) {
      if (stale.isEmpty() || !refused.error().equals(ErrorCode.OVERLOADED.code())) {
        throw refused;
      }
      answer(ctx, stale.get().body(), "stale");
      return false;
    }
  }

  /**
   * A request with {@code Cache-Control: no-cache} (a user's explicit search or refresh) is
   * answered from the store, as HTTP caches do, and its answer replaces the cached one.
   */
  private static boolean wantsFresh(Context ctx) {
    String control = ctx.header("Cache-Control");
    return control != null && control.toLowerCase(Locale.ROOT).contains("no-cache");
  }

  /** The answer of the identical request running first; the wait is the request's store time. */
  private static Optional<byte[]> awaitShared(
      Context ctx, CompletableFuture<Optional<byte[]>> first) throws InterruptedException {
    long start = System.nanoTime();
    try {
      return first.get(SHARE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return Optional.empty();
    } finally {
      StoreWait.add(ctx, System.nanoTime() - start);
    }
  }

  private void answer(Context ctx, byte[] body, String how) {
    onLookup.accept(true);
    ctx.header(HEADER, how);
    ctx.contentType(JSON).result(body);
  }
}
