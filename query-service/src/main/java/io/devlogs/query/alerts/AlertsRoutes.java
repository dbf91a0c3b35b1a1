package io.devlogs.query.alerts;

import io.devlogs.query.load.StoreGate;
import io.devlogs.query.logs.LogSearch;
import io.javalin.Javalin;
import java.time.Clock;

/**
 * Registers the alerts API's routes (documented in {@code openapi/alerts.yaml}); changes need the
 * roles of {@link RequiredRole}.
 */
public final class AlertsRoutes {
  private AlertsRoutes() {}

  /**
   * The preview reads ClickHouse, so it passes the store gate like every search; {@code
   * derivedMetrics} are the recording rules derived_metric rules watch.
   */
  public static void register(
      Javalin app,
      AlertsDeps deps,
      LogSearch logSearch,
      DerivedMetrics derivedMetrics,
      StoreGate gate,
      Clock clock) {
    RulesController rules =
        new RulesController(deps.rules(), deps.notifications(), logSearch, derivedMetrics, clock);
    AlertsController alerts = new AlertsController(deps.history(), deps.rules());
    SilencesController silences = new SilencesController(deps.silences(), deps.rules(), clock);
    ReceiversController receivers =
        new ReceiversController(deps.notifications(), deps.deliveries(), clock);

    app.get("/v1/alerts/rules", rules::list);
    app.post("/v1/alerts/rules", RequiredRole.editor(rules::create));
    app.get("/v1/alerts/rules/{id}", rules::get);
    app.put("/v1/alerts/rules/{id}", RequiredRole.editor(rules::update));
    app.delete("/v1/alerts/rules/{id}", RequiredRole.editor(rules::delete));
    app.post("/v1/alerts/rules/{id}/enable", RequiredRole.editor(rules::enable));
    app.post("/v1/alerts/rules/{id}/disable", RequiredRole.editor(rules::disable));
    app.get("/v1/alerts/rules/{id}/history", alerts::history);
    app.get("/v1/alerts/rules/{id}/preview", gate.around(rules::previewStored));
    app.post("/v1/alerts/preview", gate.around(rules::previewDraft));
    app.get("/v1/alerts/firing", alerts::firing);
    app.get("/v1/alerts/silences", silences::list);
    app.post("/v1/alerts/silences", RequiredRole.editor(silences::create));
    app.post("/v1/alerts/silences/{id}/expire", RequiredRole.editor(silences::expire));
    app.get("/v1/alerts/receivers", receivers::list);
    app.post("/v1/alerts/receivers", RequiredRole.admin(receivers::create));
    app.post("/v1/alerts/receivers/{id}/test", RequiredRole.admin(receivers::test));
    app.get("/v1/alerts/failures", receivers::failures);
  }
}
