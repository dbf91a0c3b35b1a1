package io.devlogs.ingest.ops;

import io.devlogs.metrics.ServiceRegistry;
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
 *   <li>per project, {@code project} bounded by {@link ProjectLabels} (the first {@value
 *       #PROJECT_LABELS} projects, then {@code _other}): {@code
 *       devlogs_ingest_project_events_accepted_total}, {@code
 *       devlogs_ingest_project_bytes_accepted_total}, {@code
 *       devlogs_ingest_project_rejections_total{project,reason}} and {@code
 *       devlogs_ingest_project_bytes_rejected_total} (the bodies of refused requests whose key was
 *       known; a request refused before its key was checked has no project)
 * </ul>
 *
 * <p>Each instance has its own registry, so tests do not share counters. Thread-safe.
 */
public final class IngestMetrics {

  private static final double[] SEND_SECONDS_BUCKETS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  private static final Set<String> OPERATOR_ROUTES = Set.of("/healthz", "/readyz", "/metrics");

  /**
   * At most this many projects get their own series (each of the four per-project metrics, and
   * rejections once per reason): with 8 reasons, about 2,200 series at the bound.
   */
  static final int PROJECT_LABELS = 200;

  private final PrometheusRegistry registry = ServiceRegistry.create();
  private final ProjectLabels projects = new ProjectLabels(PROJECT_LABELS);
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

  private final Counter projectEventsAccepted =
      Counter.builder()
          .name("devlogs_ingest_project_events_accepted_total")
          .help("Events acknowledged by Kafka, by project (bounded; see _other)")
          .labelNames("project")
          .register(registry);
  private final Counter projectBytesAccepted =
      Counter.builder()
          .name("devlogs_ingest_project_bytes_accepted_total")
          .help("JSON bytes of the events acknowledged by Kafka, by project (bounded; see _other)")
          .labelNames("project")
          .register(registry);
  private final Counter projectRejections =
      Counter.builder()
          .name("devlogs_ingest_project_rejections_total")
          .help("Refused requests of a known key, by project (bounded; see _other) and reason")
          .labelNames("project", "reason")
          .register(registry);
  private final Counter projectBytesRejected =
      Counter.builder()
          .name("devlogs_ingest_project_bytes_rejected_total")
          .help("Body bytes of refused requests of a known key, by project (bounded; see _other)")
          .labelNames("project")
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
      String projectId = RequestLog.projectOf(ctx);
      if (projectId != null) {
        String project = projects.of(projectId);
        projectRejections.labelValues(project, reason.label()).inc();
        long bytes = ctx.contentLength();
        if (bytes > 0) {
          projectBytesRejected.labelValues(project).inc(bytes);
        }
      }
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

  /** Counts events of a project that Kafka acknowledged. */
  public void accepted(String projectId, long events, long bytes) {
    eventsAccepted.inc(events);
    bytesAccepted.inc(bytes);
    String project = projects.of(projectId);
    projectEventsAccepted.labelValues(project).inc(events);
    projectBytesAccepted.labelValues(project).inc(bytes);
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
