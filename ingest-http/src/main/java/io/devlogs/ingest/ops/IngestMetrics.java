package io.devlogs.ingest.ops;

import io.javalin.http.Context;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * The service's Prometheus metrics, served by {@link #scrape} in the text exposition format.
 *
 * <ul>
 *   <li>{@code devlogs_ingest_requests_total{route,method,status}}
 *   <li>{@code devlogs_ingest_events_accepted_total}, {@code devlogs_ingest_bytes_accepted_total}:
 *       events (and their JSON bytes) Kafka acknowledged
 *   <li>{@code devlogs_ingest_rejections_total{reason}}: see {@link RejectionReason}
 *   <li>{@code devlogs_ingest_kafka_send_seconds{outcome}}: from handing a batch to the producer to
 *       the acknowledgement of its last event ({@code ok}) or its first failure ({@code error})
 * </ul>
 *
 * <p>Each instance has its own registry, so tests do not share counters. Thread-safe.
 */
public final class IngestMetrics {

  private static final double[] SEND_SECONDS_BUCKETS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  private static final Set<String> OPERATOR_ROUTES = Set.of("/healthz", "/readyz", "/metrics");

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  private final Counter requests =
      Counter.builder()
          .name("devlogs_ingest_requests_total")
          .help("HTTP requests by route pattern, method and status")
          .labelNames("route", "method", "status")
          .register(registry);
  private final Counter eventsAccepted =
      Counter.builder()
          .name("devlogs_ingest_events_accepted_total")
          .help("Events acknowledged by Kafka")
          .register(registry);
  private final Counter bytesAccepted =
      Counter.builder()
          .name("devlogs_ingest_bytes_accepted_total")
          .help("JSON bytes of the events acknowledged by Kafka")
          .register(registry);
  private final Counter rejections =
      Counter.builder()
          .name("devlogs_ingest_rejections_total")
          .help("Refused requests by reason")
          .labelNames("reason")
          .register(registry);
  private final Histogram kafkaSend =
      Histogram.builder()
          .name("devlogs_ingest_kafka_send_seconds")
          .help("Time from handing a request's events to the producer to Kafka's answer")
          .labelNames("outcome")
          .classicOnly()
          .classicUpperBounds(SEND_SECONDS_BUCKETS)
          .register(registry);

  public IngestMetrics() {
    for (RejectionReason reason : RejectionReason.values()) {
      rejections.labelValues(reason.label()); // every reason shows up, at 0, from the start
    }
  }

  /**
   * Counts a finished request by its route pattern ({@code unmatched} for none). A failed {@code
   * /readyz} is not a rejected client request, so operator routes count no rejections.
   */
  public void request(Context ctx) {
    String route = route(ctx);
    requests.labelValues(route, ctx.method().name(), Integer.toString(ctx.statusCode())).inc();
    RejectionReason reason = RejectionReason.ofStatus(ctx.statusCode());
    if (reason != null && !OPERATOR_ROUTES.contains(route)) {
      rejections.labelValues(reason.label()).inc();
    }
  }

  private static String route(Context ctx) {
    try {
      return ctx.endpointHandlerPath();
    } catch (IllegalStateException e) {
      // No route matched. Not a label per path: a scan would create a series per path.
      return "unmatched";
    }
  }

  /** Counts events Kafka acknowledged. */
  public void accepted(long events, long bytes) {
    eventsAccepted.inc(events);
    bytesAccepted.inc(bytes);
  }

  /** Records how long one batch's send took. */
  public void kafkaSend(double seconds, boolean ok) {
    kafkaSend.labelValues(ok ? "ok" : "error").observe(seconds);
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
