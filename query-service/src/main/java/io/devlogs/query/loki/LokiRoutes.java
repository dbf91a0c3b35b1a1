package io.devlogs.query.loki;

import io.devlogs.query.QueryDeps;
import io.devlogs.query.http.Authentication;
import io.devlogs.query.load.CachedRoute;
import io.devlogs.query.load.QueryLoad;
import io.devlogs.query.load.RateLimitCheck;
import io.devlogs.query.load.StoreGate;
import io.devlogs.query.signin.SessionLookup;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Registers Loki's read API under {@link #BASE}: the key from {@code Authorization} (bearer, or
 * basic with the key as password), the same rate limits, store gate and result cache as the {@code
 * /v1} routes (the cache for GETs: a POST's form is not part of the cache key), errors in Loki's
 * shape.
 */
public final class LokiRoutes {
  public static final String BASE = "/loki/api/v1";

  private LokiRoutes() {}

  public static void register(Javalin app, QueryDeps deps) {
    QueryLoad load = deps.load();
    StoreGate gate = load.storeGate();
    CachedRoute cache = load.cache();
    LokiQueryController queries =
        new LokiQueryController(deps.loki(), deps.logSearch(), deps.clock());
    LokiMetadataController metadata = new LokiMetadataController(deps.loki(), deps.clock());

    app.beforeMatched(
        BASE + "/*",
        LokiErrors.before(
            Authentication.acceptingBasicPassword(deps.keys(), SessionLookup.none())));
    app.beforeMatched(
        BASE + "/*", LokiErrors.before(new RateLimitCheck(load.rateLimiter(), BASE + "/tail")));

    readable(app, "/query_range", queries::queryRange, gate, cache, true);
    readable(app, "/query", queries::query, gate, cache, true);
    readable(app, "/labels", metadata::labels, gate, cache, true);
    // The name of the labels route before Loki 2.0, still sent by older clients.
    readable(app, "/label", metadata::labels, gate, cache, false);
    readable(app, "/label/{name}/values", metadata::labelValues, gate, cache, false);
    readable(app, "/series", metadata::series, gate, cache, true);
    readable(app, "/index/stats", metadata::indexStats, gate, cache, false);
    readable(app, "/index/volume", metadata::indexVolume, gate, cache, false);
    readable(app, "/detected_fields", metadata::detectedFields, gate, cache, false);
    readable(app, "/patterns", metadata::patterns, gate, cache, false);
    app.get(BASE + "/status/buildinfo", LokiErrors.around(LokiMetadataController::buildInfo));
    app.ws(BASE + "/tail", new LokiTailEndpoint(deps.keys(), deps.tail())::configure);
    app.get(BASE + "/tail", LokiTailEndpoint::upgradeRequired);
  }

  /** A store-reading route: GET gated and cached, POST (form parameters) gated. */
  private static void readable(
      Javalin app, String path, Handler handler, StoreGate gate, CachedRoute cache, boolean post) {
    app.get(BASE + path, LokiErrors.around(cache.around(gate.around(handler))));
    if (post) {
      app.post(BASE + path, LokiErrors.around(gate.around(handler)));
    }
  }

  /** Unknown paths under {@code /loki/}: 404 in Loki's shape. */
  public static void notFound(Context ctx) {
    ctx.json(LokiErrors.body(404, "no such endpoint: " + ctx.path()));
  }
}
