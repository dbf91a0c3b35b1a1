package io.devlogs.query.http;

import io.javalin.http.Context;
import java.util.Map;

/** {@code GET /healthz}: the process is up and serving (does not probe the backends). */
public final class HealthController {
  public void health(Context ctx) {
    ctx.json(Map.of("status", "ok"));
  }
}
