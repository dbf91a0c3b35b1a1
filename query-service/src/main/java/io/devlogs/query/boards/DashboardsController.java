package io.devlogs.query.boards;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devlogs.query.PeopleDeps;
import io.devlogs.query.http.JsonBody;
import io.devlogs.query.members.ProjectRole;
import io.devlogs.query.people.Role;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /v1/project/dashboards}: the dashboards of the session's project. Everyone with a role
 * reads and exports them; editors create, change, import and delete them. Another project's ids
 * answer 404 like ids that do not exist.
 */
public final class DashboardsController {
  private final PeopleDeps people;

  public DashboardsController(PeopleDeps people) {
    this.people = people;
  }

  /** A dashboard in a list. */
  public record Summary(UUID id, String name, int panels, Instant updatedAt) {}

  /** A dashboard with its document; {@code canEdit} is for the caller. */
  public record DashboardView(
      UUID id, ObjectNode document, boolean canEdit, Instant createdAt, Instant updatedAt) {}

  private static DashboardView view(Dashboard dashboard, ProjectRole caller) {
    return new DashboardView(
        dashboard.id(),
        dashboard.document().toJson(),
        caller.role().atLeast(Role.EDITOR),
        dashboard.createdAt(),
        dashboard.updatedAt());
  }

  public void list(Context ctx) {
    ProjectRole caller = ProjectRole.require(ctx, Role.VIEWER);
    ctx.json(
        Map.of(
            "dashboards",
            dashboards().list(caller.projectId()).stream()
                .map(
                    d ->
                        new Summary(
                            d.id(),
                            d.document().name(),
                            d.document().panels().size(),
                            d.updatedAt()))
                .toList()));
  }

  public void get(Context ctx) {
    ProjectRole caller = ProjectRole.require(ctx, Role.VIEWER);
    ctx.json(view(existing(ctx, caller), caller));
  }

  /** The dashboard's document as a file to keep (in git, say) and import elsewhere. */
  public void export(Context ctx) {
    ProjectRole caller = ProjectRole.require(ctx, Role.VIEWER);
    Dashboard dashboard = existing(ctx, caller);
    ctx.header(
        "Content-Disposition", "attachment; filename=\"dashboard-" + dashboard.id() + ".json\"");
    ctx.json(dashboard.document().toJson());
  }

  public void create(Context ctx) {
    save(ctx, DashboardDocument.Mode.EDIT, "dashboard_created");
  }

  /** A new dashboard from an export: its panels get new ids. */
  public void importDocument(Context ctx) {
    save(ctx, DashboardDocument.Mode.IMPORT, "dashboard_imported");
  }

  private void save(Context ctx, DashboardDocument.Mode mode, String action) {
    ProjectRole caller = ProjectRole.require(ctx, Role.EDITOR);
    DashboardDocument document = DashboardDocument.read(JsonBody.of(ctx).root(), mode);
    Dashboard created =
        dashboards()
            .create(caller.projectId(), caller.person().id(), document, people.clock().instant());
    audit(ctx, caller, action, created);
    ctx.status(201).json(view(created, caller));
  }

  public void update(Context ctx) {
    ProjectRole caller = ProjectRole.require(ctx, Role.EDITOR);
    UUID id = pathId(ctx);
    DashboardDocument document =
        DashboardDocument.read(JsonBody.of(ctx).root(), DashboardDocument.Mode.EDIT);
    Dashboard updated =
        dashboards()
            .update(caller.projectId(), id, document, people.clock().instant())
            .orElseThrow(() -> BoardIds.notFound("dashboard", id.toString()));
    ctx.json(view(updated, caller));
  }

  public void delete(Context ctx) {
    ProjectRole caller = ProjectRole.require(ctx, Role.EDITOR);
    Dashboard dashboard = existing(ctx, caller);
    if (!dashboards().delete(caller.projectId(), dashboard.id())) {
      throw BoardIds.notFound("dashboard", dashboard.id().toString());
    }
    audit(ctx, caller, "dashboard_deleted", dashboard);
    ctx.status(204);
  }

  private Dashboard existing(Context ctx, ProjectRole caller) {
    UUID id = pathId(ctx);
    return dashboards()
        .find(caller.projectId(), id)
        .orElseThrow(() -> BoardIds.notFound("dashboard", id.toString()));
  }

  private static UUID pathId(Context ctx) {
    return BoardIds.parse(ctx.pathParam("dashboardId"), "dashboard");
  }

  private void audit(Context ctx, ProjectRole caller, String action, Dashboard dashboard) {
    people
        .audit()
        .onProject(
            caller.projectId(),
            caller.person().email(),
            action,
            dashboard.id().toString(),
            ctx.ip(),
            dashboard.document().name());
  }

  private Dashboards dashboards() {
    return people.boards().dashboards();
  }
}
