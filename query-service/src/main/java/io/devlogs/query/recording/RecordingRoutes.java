package io.devlogs.query.recording;

import io.devlogs.query.alerts.RequiredRole;
import io.devlogs.query.load.StoreGate;
import io.javalin.Javalin;
import java.time.Clock;

/**
 * Registers the recording rules' routes (documented in {@code openapi/recording.yaml}); changes
 * need the editor role, as alert rules do.
 */
public final class RecordingRoutes {
  private RecordingRoutes() {}

  /** The series reads ClickHouse, so it passes the store gate like every search. */
  public static void register(Javalin app, RecordingDeps deps, StoreGate gate, Clock clock) {
    RecordingRulesController rules =
        new RecordingRulesController(deps.rules(), deps.minutes(), clock);
    app.get("/v1/recording/rules", rules::list);
    app.post("/v1/recording/rules", RequiredRole.editor(rules::create));
    app.get("/v1/recording/rules/{id}", rules::get);
    app.put("/v1/recording/rules/{id}", RequiredRole.editor(rules::update));
    app.delete("/v1/recording/rules/{id}", RequiredRole.editor(rules::delete));
    app.get("/v1/recording/rules/{id}/series", gate.around(rules::series));
  }
}
