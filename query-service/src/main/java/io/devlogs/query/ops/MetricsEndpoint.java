package io.devlogs.query.ops;

import io.devlogs.query.http.DashboardFallback;
import io.javalin.http.Context;
import java.util.Objects;

/**
 * {@code GET /metrics}: the Prometheus metrics, unless a browser asks for a page. The dashboard has
 * a page at {@code /metrics} too, and a reload or a shared link of it must still open it; browsers
 * ask for {@code text/html}, which neither Prometheus nor curl ever do. So a scraper always gets
 * the metrics (never the dashboard's HTML), and a browser the page.
 */
public final class MetricsEndpoint {
  private final QueryMetrics metrics;
  private final DashboardFallback dashboard;

  public MetricsEndpoint(QueryMetrics metrics, DashboardFallback dashboard) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.dashboard = Objects.requireNonNull(dashboard, "dashboard");
  }

  public void serve(Context ctx) {
    if (wantsPage(ctx.header("Accept"))) {
      dashboard.serve(ctx);
    } else {
      metrics.scrape(ctx);
    }
  }

  /** True when an Accept header names HTML, as every browser's navigation does; pure. */
  static boolean wantsPage(String accept) {
    return accept != null && accept.contains("text/html");
  }
}
