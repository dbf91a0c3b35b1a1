package io.devlogs.query.status;

import io.devlogs.query.http.Authentication;
import io.devlogs.query.http.RequestParams;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /v1/status}: the authenticated project's data freshness and the pipeline's health
 * ({@link ProjectStatus}). Always 200 when the key is valid: what could not be measured is part of
 * the answer.
 */
public final class StatusController {
  private final ProjectStatuses statuses;

  public StatusController(ProjectStatuses statuses) {
    this.statuses = Objects.requireNonNull(statuses, "statuses");
  }

  public void status(Context ctx) {
    new RequestParams(ctx.queryParamMap()).rejectUnknown(Set.of());
    ctx.header("Cache-Control", "no-store");
    ctx.json(statuses.of(Authentication.projectId(ctx)));
  }
}
