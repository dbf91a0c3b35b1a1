package io.devlogs.query.ops;

import io.devlogs.metrics.ServiceRegistry;
import io.devlogs.query.tail.TailStats;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The query service's Prometheus metrics, served on {@code GET /metrics} in the text exposition
 * format.
 *
 * <ul>
 *   <li>{@code devlogs_query_requests_total{route,method,status}} and {@code
 *       devlogs_query_request_seconds{route}}: per route template ({@code /v1/events/{id}}, never
 *       the path itself), {@code dashboard} for the dashboard's pages and files, {@code unmatched}
 *       for anything else, so a scan of random paths adds no series
 *   <li>{@code devlogs_query_store_seconds{store,outcome}}: each query to ClickHouse or Cassandra,
 *       by {@link Store} and {@link StoreOutcome}
 *   <li>{@code devlogs_query_rejections_total{reason}}: requests refused by a limit before reaching
 *       a store, by {@link Rejection}
 *   <li>{@code devlogs_query_cache_requests_total{result}}: lookups of the read cache, {@code hit}
 *       or {@code miss}
 *   <li>{@code devlogs_query_tail_sockets_open}, {@code
 *       devlogs_query_tail_{subscribed,refused,dropped,delivered}_total}: the live tail, read from
 *       {@link TailStats} at each scrape
 * </ul>
 *
 * <p>Every label takes values from a closed set. Each instance has its own registry, so tests do
 * not share counters. Thread-safe.
 */
public final class QueryMetrics {

  /** From a cached lookup (a few ms) to a search at ClickHouse's execution limit (30 s). */
  private static final double[] SECONDS_BUCKETS = {
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30
  };

  private final PrometheusRegistry registry = ServiceRegistry.create();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  /** The registry, for a feature's own metrics (the alert notifier's), served with these. */
  public PrometheusRegistry registry() {
    return registry;
  }

  private final Counter requests =
      Counter.builder()
          .name("devlogs_query_requests_total")
          .help("HTTP requests by route template, method and status")
          .labelNames("route", "method", "status")
          .register(registry);
  private final Histogram requestSeconds =
      Histogram.builder()
          .name("devlogs_query_request_seconds")
          .help("Time to answer an HTTP request, by route template")
          .labelNames("route")
          .classicOnly()
          .classicUpperBounds(SECONDS_BUCKETS)
          .register(registry);
  private final Histogram storeSeconds =
      Histogram.builder()
          .name("devlogs_query_store_seconds")
          .help("Time of one query to a store, by store and outcome")
          .labelNames("store", "outcome")
          .classicOnly()
          .classicUpperBounds(SECONDS_BUCKETS)
          .register(registry);
  private final Counter rejections =
      Counter.builder()
          .name("devlogs_query_rejections_total")
          .help("Requests refused by a limit before reaching a store, by reason")
          .labelNames("reason")
          .register(registry);
  private final Counter cacheRequests =
      Counter.builder()
          .name("devlogs_query_cache_requests_total")
          .help("Lookups of the read cache, by result (hit or miss)")
          .labelNames("result")
          .register(registry);

  private volatile Supplier<TailStats> tail = () -> new TailStats(0, 0, 0, 0, 0);

  public QueryMetrics() {
    // Every series of a closed set shows up at 0 from the start, so rate() and alerts see it.
    for (Rejection reason : Rejection.values()) {
      rejections.labelValues(reason.label());
    }
    for (Store store : Store.values()) {
      for (StoreOutcome outcome : StoreOutcome.values()) {
        storeSeconds.labelValues(store.label(), outcome.label());
      }
    }
    cacheRequests.labelValues("hit");
    cacheRequests.labelValues("miss");
    GaugeWithCallback.builder()
        .name("devlogs_query_tail_sockets_open")
        .help("Live-tail sockets open now")
        .callback(cb -> cb.call(tail.get().open()))
        .register(registry);
    tailCounter("subscribed", "Live tails accepted", TailStats::subscribed);
    tailCounter("refused", "Live tails refused at a limit", TailStats::refused);
    tailCounter("dropped", "Live tails closed for being too slow", TailStats::dropped);
    tailCounter("delivered", "Events queued for a live-tail socket", TailStats::delivered);
  }

  /** Counts and times a finished HTTP request by its route template. */
  public void request(Context ctx, float millis) {
    String route = route(ctx);
    requests.labelValues(route, ctx.method().name(), Integer.toString(ctx.statusCode())).inc();
    requestSeconds.labelValues(route).observe(millis / 1000.0);
  }

  private static String route(Context ctx) {
    try {
      String template = ctx.endpointHandlerPath();
      if (!template.equals("*")) {
        return template;
      }
    } catch (IllegalStateException e) {
      // no route matched: a static file, a dashboard page or an unknown path
    }
    String path = ctx.path();
    boolean dashboard =
        ctx.method() == HandlerType.GET && !path.startsWith("/v1/") && ctx.statusCode() < 400;
    return dashboard ? "dashboard" : "unmatched";
  }

  /** The timer of one store's queries. */
  public StoreTimer storeTimer(Store store) {
    return (seconds, outcome) ->
        storeSeconds.labelValues(store.label(), outcome.label()).observe(seconds);
  }

  /** Counts a request refused by a limit. */
  public void rejected(Rejection reason) {
    rejections.labelValues(reason.label()).inc();
  }

  /** Counts a read-cache hit. */
  public void cacheHit() {
    cacheRequests.labelValues("hit").inc();
  }

  /** Counts a read-cache miss. */
  public void cacheMiss() {
    cacheRequests.labelValues("miss").inc();
  }

  /** Reads the live tail's figures from {@code stats} at each scrape (zeros until called). */
  public void observeTail(Supplier<TailStats> stats) {
    this.tail = stats;
  }

  private void tailCounter(String what, String help, ToLongFunction<TailStats> figure) {
    CounterWithCallback.builder()
        .name("devlogs_query_tail_" + what + "_total")
        .help(help)
        .callback(cb -> cb.call(figure.applyAsLong(tail.get())))
        .register(registry);
  }

  /**
   * Reads a gauge from {@code value} at each scrape, e.g. the store-query slots in use or waiting.
   * The name must start with {@code devlogs_query_}. Call once per name.
   */
  public void gauge(String name, String help, IntSupplier value) {
    if (!name.startsWith("devlogs_query_")) {
      throw new IllegalArgumentException("a query-service metric starts with devlogs_query_");
    }
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(cb -> cb.call(value.getAsInt()))
        .register(registry);
  }

  /** {@code GET /metrics}: every metric in the Prometheus text format. */
  public void scrape(Context ctx) {
    ctx.contentType(PrometheusTextFormatWriter.CONTENT_TYPE).result(text());
  }

  /** Every metric in the Prometheus text format. */
  public byte[] text() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }
}
