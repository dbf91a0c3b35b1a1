package io.devlogs.query.boards;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.devlogs.query.PeopleDeps;
import io.devlogs.query.http.JsonBody;
import io.devlogs.query.members.ProjectRole;
import io.devlogs.query.people.Role;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /v1/project/searches}: the saved searches of the session's project. Everyone with a role
 * reads the shared ones and keeps private ones of their own; sharing one, and changing or deleting
 * a shared one, needs the editor role. Another project's ids and other people's private ones answer
 * 404 like ids that do not exist.
 */
public final class SavedSearchesController {
  private final PeopleDeps people;

  public SavedSearchesController(PeopleDeps people) {
    this.people = people;
  }

  /** A saved search as the API shows it; {@code canEdit} is for the caller. */
  public record SearchView(
      UUID id,
      String name,
      Map<String, List<String>> query,
      ObjectNode range,
      List<String> columns,
      boolean shared,
      Owner owner,
      boolean mine,
      boolean canEdit,
      Instant createdAt,
      Instant updatedAt) {}

  public record Owner(String id, String name) {}

  static SearchView view(SavedSearch search, ProjectRole caller) {
    boolean mine = search.ownerId().equals(caller.person().id());
    return new SearchView(
        search.id(),
        search.name(),
        search.query(),
        search.window().toJson(),
        search.columns(),
        search.shared(),
        new Owner(search.ownerId(), search.ownerName()),
        mine,
        search.shared() ? caller.role().atLeast(Role.EDITOR) : mine,
        search.createdAt(),
        search.updatedAt());
  }

  public void list(Context ctx) {
    ProjectRole caller = ProjectRole.require(ctx, Role.VIEWER);
    ctx.json(
        Map.of(
            "searches",
            searches().visible(caller.projectId(), caller.person().id()).stream()
                .map(s -> view(s, caller))
                .toList()));
  }

  public void get(Context ctx) {
    ProjectRole caller = ProjectRole.require(ctx, Role.VIEWER);
    ctx.json(view(visible(ctx, caller), caller));
  }

  public void create(Context ctx) {
    ProjectRole caller = ProjectRole.require(ctx, Role.VIEWER);
    SavedSearch.Draft draft = SavedSearchDrafts.read(JsonBody.of(ctx));
    if (draft.shared()) {
      requireEditor(caller, "share a search with the project");
    }
    SavedSearch saved =
        searches()
            .create(caller.projectId(), caller.person().id(), draft, people.clock().instant());
    if (saved.shared()) {
      audit(ctx, caller, "search_shared", saved);
    }
    ctx.status(201).json(view(saved, caller));
  }

  public void update(Context ctx) {
    ProjectRole caller = ProjectRole.require(ctx, Role.VIEWER);
    SavedSearch existing = visible(ctx, caller);
    SavedSearch.Draft draft = SavedSearchDrafts.read(JsonBody.of(ctx));
    if (existing.shared() || draft.shared()) {
      requireEditor(caller, "change a search shared with the project");
    }
    SavedSearch saved =
        searches()
            .update(
                caller.projectId(),
                caller.person().id(),
                existing.id(),
                draft,
                people.clock().instant())
            .orElseThrow(() -> BoardIds.notFound("saved search", existing.id().toString()));
    if (saved.shared() != existing.shared()) {
      audit(ctx, caller, saved.shared() ? "search_shared" : "search_unshared", saved);
    }
    ctx.json(view(saved, caller));
  }

  public void delete(Context ctx) {
    ProjectRole caller = ProjectRole.require(ctx, Role.VIEWER);
    SavedSearch existing = visible(ctx, caller);
    if (existing.shared()) {
      requireEditor(caller, "delete a search shared with the project");
    }
    if (!searches().delete(caller.projectId(), caller.person().id(), existing.id())) {
      throw BoardIds.notFound("saved search", existing.id().toString());
    }
    if (existing.shared()) {
      audit(ctx, caller, "search_deleted", existing);
    }
    ctx.status(204);
  }

  /** The search of the path's id that the caller may see, or 404. */
  SavedSearch visible(Context ctx, ProjectRole caller) {
    String text = ctx.pathParam("searchId");
    UUID id = BoardIds.parse(text, "saved search");
    return searches()
        .find(caller.projectId(), caller.person().id(), id)
        .orElseThrow(() -> BoardIds.notFound("saved search", text));
  }

  static void requireEditor(ProjectRole caller, String action) {
    if (!caller.role().atLeast(Role.EDITOR)) {
      throw new ApiException(
          ErrorCode.FORBIDDEN,
          "only editors may " + action + "; your role is " + caller.role().dbValue(),
          Map.of("requiredRole", Role.EDITOR.dbValue(), "role", caller.role().dbValue()));
    }
  }

  private void audit(Context ctx, ProjectRole caller, String action, SavedSearch search) {
    people
        .audit()
        .onProject(
            caller.projectId(),
            caller.person().email(),
            action,
            search.id().toString(),
            ctx.ip(),
            search.name());
  }

  private SavedSearches searches() {
    return people.boards().searches();
  }
}
