package io.devlogs.query.metrics;

import io.devlogs.query.http.Authentication;
import io.devlogs.query.http.RequestParams;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Objects;

/**
 * {@code GET /v1/metrics/series} and {@code GET /v1/metrics/top}: charts and rankings of the
 * authenticated project's minute windows.
 */
public final class MetricsController {
  private final WindowTotals windows;
  private final Clock clock;

  public MetricsController(WindowTotals windows, Clock clock) {
    this.windows = Objects.requireNonNull(windows, "windows");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public void series(Context ctx) {
    SeriesRequest request =
        SeriesRequest.parse(new RequestParams(ctx.queryParamMap()), clock.instant());
    ctx.json(
        SeriesResponse.of(
            request, windows.read(Authentication.projectId(ctx), WindowQuery.of(request))));
  }

  public void top(Context ctx) {
    TopRequest request = TopRequest.parse(new RequestParams(ctx.queryParamMap()), clock.instant());
    ctx.json(
        TopResponse.of(
            request, windows.read(Authentication.projectId(ctx), WindowQuery.of(request))));
  }
}
