package io.devlogs.bench.query;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code users} simulated dashboard users over {@code keys.size()} projects (user i looks at
 * project i mod M). Every {@code refresh}, each user loads the search page (results, histogram and
 * facets of the last hour, at once) and then the metrics page (series and top services of the last
 * 6 hours, at once), as the dashboard does; a user whose previous refresh is still running skips
 * one, as a browser tab would. Users start spread evenly over the first refresh period, which is
 * not measured; then every request started during {@code measured} is recorded. All requests go
 * through the asynchronous {@link CrowdClients}, so thousands of users need no thread each.
 */
final class CrowdRun {

  /** The routes of a refresh, in the order the dashboard asks for them. */
  static final List<String> SEARCH_PAGE =
      List.of("/v1/logs", "/v1/logs/histogram", "/v1/logs/facets");

  static final List<String> METRICS_PAGE = List.of("/v1/metrics/series", "/v1/metrics/top");

  private static final Duration SEARCH_SPAN = Duration.ofHours(1);
  private static final Duration METRICS_SPAN = Duration.ofHours(6);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /**
   * One request.
   *
   * @param route its path
   * @param nanos from send to the whole answer, or to the failure
   * @param status the HTTP status, or 0 when no answer came (timeout, connection refused)
   * @param cache the service's {@code X-Devlogs-Cache} (hit, stale, miss), null without one
   * @param error the {@code error} code of a non-2xx answer's body, or null
   */
  record Sample(String route, long nanos, int status, String cache, String error) {
    /** Answered from the result cache: fresh ({@code hit}) or past its TTL ({@code stale}). */
    boolean fromCache() {
      return "hit".equals(cache) || "stale".equals(cache);
    }
  }

  /**
   * What a run measured.
   *
   * @param samples every request started in the measured period
   * @param seconds the measured period
   * @param skippedRefreshes refreshes skipped because the previous one was still running
   */
  record Result(int users, List<Sample> samples, double seconds, long skippedRefreshes) {}

  private final CrowdRequests requests;
  private final String baseUrl;
  private final List<String> keys;

  CrowdRun(CrowdClients clients, String baseUrl, List<String> keys) {
    this.requests = new CrowdRequests(clients);
    this.baseUrl = baseUrl;
    this.keys = keys;
  }

  Result run(int users, Duration refresh, Duration measured) throws InterruptedException {
    return run(
        users,
        refresh,
        measured,
        (user, samples) -> refresh(keys.get(user % keys.size()), samples));
  }

  /** One user's refresh: its requests, recorded in {@code samples} unless that is null. */
  @FunctionalInterface
  interface UserRefresh {
    CompletableFuture<?> refresh(int user, Queue<Sample> samples);
  }

  /**
   * Runs {@code users} users, each refreshing every {@code refresh} (skipping a refresh while its
   * previous one runs), spread evenly over the first, unmeasured, period; records every request
   * started in the {@code measured} period after it, then waits for the requests still running.
   */
  static Result run(int users, Duration refresh, Duration measured, UserRefresh each)
      throws InterruptedException {
    Queue<Sample> samples = new ConcurrentLinkedQueue<>();
    AtomicLong skipped = new AtomicLong();
    AtomicInteger inFlight = new AtomicInteger();
    long start = System.nanoTime();
    long measureFrom = start + refresh.toNanos();
    long measureUntil = measureFrom + measured.toNanos();
    ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
    try {
      for (int user = 0; user < users; user++) {
        int thisUser = user;
        AtomicBoolean busy = new AtomicBoolean();
        long offset = refresh.toNanos() * user / users;
        ticks.scheduleAtFixedRate(
            () -> {
              long now = System.nanoTime();
              if (now >= measureUntil) {
                return;
              }
              if (!busy.compareAndSet(false, true)) {
                if (now >= measureFrom) {
                  skipped.incrementAndGet();
                }
                return;
              }
              boolean measure = now >= measureFrom;
              inFlight.incrementAndGet();
              each.refresh(thisUser, measure ? samples : null)
                  .whenComplete(
                      (ignored, failure) -> {
                        busy.set(false);
                        inFlight.decrementAndGet();
                      });
            },
            offset,
            refresh.toNanos(),
            TimeUnit.NANOSECONDS);
      }
      TimeUnit.NANOSECONDS.sleep(Math.max(0, measureUntil - System.nanoTime()));
    } finally {
      ticks.shutdownNow();
    }
    long drainUntil = System.nanoTime() + REQUEST_TIMEOUT.multipliedBy(2).toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < drainUntil) {
      TimeUnit.MILLISECONDS.sleep(50);
    }
    return new Result(users, List.copyOf(samples), measured.toMillis() / 1000.0, skipped.get());
  }

  /** One refresh of both pages; samples are recorded only when {@code samples} is not null. */
  private CompletableFuture<Void> refresh(String key, Queue<Sample> samples) {
    Instant now = Instant.now();
    String lastHour = range(now.minus(SEARCH_SPAN), now);
    CompletableFuture<?>[] search = {
      get(key, "/v1/logs", lastHour + "&limit=100", samples),
      get(key, "/v1/logs/histogram", lastHour, samples),
      get(key, "/v1/logs/facets", lastHour, samples)
    };
    return CompletableFuture.allOf(search)
        .thenCompose(
            done -> {
              // The metrics page resolves its range when it opens, after the search page.
              Instant opened = Instant.now();
              String lastSixHours = range(opened.minus(METRICS_SPAN), opened);
              return CompletableFuture.allOf(
                  get(key, "/v1/metrics/series", lastSixHours, samples),
                  get(key, "/v1/metrics/top", lastSixHours, samples));
            });
  }

  private CompletableFuture<Void> get(
      String key, String route, String query, Queue<Sample> samples) {
    CrowdRequest request =
        CrowdRequest.get(baseUrl + route + "?" + query, "Authorization", "Bearer " + key);
    return requests.send(request, route, samples).thenApply(answer -> null);
  }

  private static String range(Instant from, Instant to) {
    return "from="
        + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8)
        + "&to="
        + URLEncoder.encode(to.toString(), StandardCharsets.UTF_8);
  }
}
