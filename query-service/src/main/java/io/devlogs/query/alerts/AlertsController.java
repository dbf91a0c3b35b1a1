package io.devlogs.query.alerts;

import io.devlogs.query.http.Authentication;
import io.devlogs.query.http.RequestParams;
import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What the job decided, from {@code alert_history}: {@code GET /v1/alerts/firing} (the project's
 * alerts firing now) and {@code GET /v1/alerts/rules/{id}/history} (a rule's transitions, newest
 * first).
 */
public final class AlertsController {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  private final AlertHistoryStore history;
  private final RuleStore rules;

  public AlertsController(AlertHistoryStore history, RuleStore rules) {
    this.history = Objects.requireNonNull(history, "history");
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  /** Response body of both routes. */
  public record Alerts(List<AlertEvent> alerts) {}

  public void firing(Context ctx) {
    RequestParams params = new RequestParams(ctx.queryParamMap());
    params.rejectUnknown(Set.of("limit"));
    int limit = params.limit(DEFAULT_LIMIT, MAX_LIMIT);
    ctx.json(new Alerts(history.firing(Authentication.projectId(ctx), limit)));
  }

  /** A rule's history; 404 unless the project has the rule (deleted rules' history is gone). */
  public void history(Context ctx) {
    RequestParams params = new RequestParams(ctx.queryParamMap());
    params.rejectUnknown(Set.of("limit"));
    int limit = params.limit(DEFAULT_LIMIT, MAX_LIMIT);
    String projectId = Authentication.projectId(ctx);
    UUID id = PathIds.of(ctx, "alert rule");
    if (rules.get(projectId, id).isEmpty()) {
      throw PathIds.notFound("alert rule", id);
    }
    ctx.json(new Alerts(history.history(projectId, id, limit)));
  }
}
