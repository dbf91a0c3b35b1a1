package io.devlogs.query.load;

import io.devlogs.query.http.Authentication;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
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
 * range reaches now, for the past TTL otherwise. Identical requests that miss at the same time in
 * this process wait for the first one's answer instead of each querying the store. The header
 * {@code X-Devlogs-Cache} says {@code hit} or {@code miss}.
 */
public final class CachedRoute {

  public static final String HEADER = "X-Devlogs-Cache";

  private static final String JSON = "application/json";

  /** How long a request waits for an identical one running in this process. */
  private static final long SHARE_WAIT_SECONDS = 30;

  private final ResultCache cache;
  private final Duration liveTtl;
  private final Duration pastTtl;
  private final Clock clock;
  private final Consumer<Boolean> onLookup;
  private final ConcurrentHashMap<String, CompletableFuture<Optional<byte[]>>> running =
      new ConcurrentHashMap<>();

  /**
   * @param onLookup told {@code true} for every hit, {@code false} for every miss (metrics)
   */
  public CachedRoute(
      ResultCache cache,
      Duration liveTtl,
      Duration pastTtl,
      Clock clock,
      Consumer<Boolean> onLookup) {
    this.cache = cache;
    this.liveTtl = liveTtl;
    this.pastTtl = pastTtl;
    this.clock = clock;
    this.onLookup = onLookup;
  }

  /** {@code handler} behind the cache; a cache of {@link ResultCache#NONE} returns it as it is. */
  public Handler around(Handler handler) {
    if (cache == ResultCache.NONE) {
      return handler;
    }
    return ctx -> handle(ctx, handler);
  }

  private void handle(Context ctx, Handler handler) throws Exception {
    Optional<CacheKey> key = CacheKey.of(ctx.path(), ctx.queryParamMap(), clock.instant(), liveTtl);
    if (key.isEmpty()) {
      handler.handle(ctx);
      return;
    }
    String projectId = Authentication.projectId(ctx);
    String slot = projectId + "\n" + key.get().text();
    Optional<byte[]> cached = cache.get(projectId, key.get().text());
    if (cached.isPresent()) {
      answer(ctx, cached.get(), true);
      return;
    }
    CompletableFuture<Optional<byte[]>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<byte[]>> first = running.putIfAbsent(slot, mine);
    if (first != null) {
      Optional<byte[]> shared = awaitShared(first);
      if (shared.isPresent()) {
        answer(ctx, shared.get(), true);
        return;
      }
      handler.handle(ctx);
      return;
    }
    Optional<byte[]> body = Optional.empty();
    try {
      handler.handle(ctx);
      if (ctx.statusCode() == 200 && ctx.resultInputStream() != null) {
        try (InputStream result = ctx.resultInputStream()) {
          body = Optional.of(result.readAllBytes());
        }
        ctx.result(body.get());
        cache.put(projectId, key.get().text(), body.get(), key.get().live() ? liveTtl : pastTtl);
      }
      onLookup.accept(false);
      ctx.header(HEADER, "miss");
    } finally {
      mine.complete(body);
      running.remove(slot, mine);
    }
  }

  private static Optional<byte[]> awaitShared(CompletableFuture<Optional<byte[]>> first)
      throws InterruptedException {
    try {
      return first.get(SHARE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return Optional.empty();
    }
  }

  private void answer(Context ctx, byte[] body, boolean hit) {
    onLookup.accept(hit);
    ctx.header(HEADER, hit ? "hit" : "miss");
    ctx.contentType(JSON).result(body);
  }
}
