package io.devlogs.query.boards;

import io.devlogs.query.PeopleDeps;
import io.devlogs.query.http.JsonBody;
import io.devlogs.query.members.ProjectRole;
import io.devlogs.query.people.Role;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/project/links}: a link for the project's members to a search, a saved search, an
 * event, a stream or a dashboard of the session's project. The link is the dashboard's {@code
 * /open} page naming the project and the page; it opens for anyone with a role on the project
 * (choosing it for their session) and sends others to sign in first, then back. Nothing is stored
 * but the audit entry; a saved search or dashboard must be one the caller can see.
 */
public final class MemberLinksController {
  static final int MAX_PATH = 4096;
  private static final Pattern PAGE =
      Pattern.compile("/(search|searches|events|streams|dashboards)(?:/([^/?#]+))?(?:\\?[^#]*)?");

  private final PeopleDeps people;

  public MemberLinksController(PeopleDeps people) {
    this.people = people;
  }

  public record MemberLink(String kind, String page, String path) {}

  public void create(Context ctx) {
    ProjectRole caller = ProjectRole.require(ctx, Role.VIEWER);
    JsonBody body = JsonBody.of(ctx);
    String page = body.text("page");
    Matcher matcher = PAGE.matcher(page);
    if (page.length() > MAX_PATH || !matcher.matches() || page.contains("//")) {
      throw JsonBody.invalid(
          "page",
          "must be a page of the dashboard: /search?..., /searches/<id>, /events/<id>,"
              + " /streams/<name> or /dashboards/<id>");
    }
    String section = matcher.group(1);
    String id = matcher.group(2);
    String kind =
        switch (section) {
          case "search", "searches" -> "search";
          case "events" -> "event";
          case "streams" -> "stream";
          default -> "dashboard";
        };
    if (!section.equals("search") && id == null) {
      throw JsonBody.invalid("page", "names no " + kind);
    }
    if (section.equals("searches")) {
      UUID searchId = BoardIds.parse(id, "saved search");
      people
          .boards()
          .searches()
          .find(caller.projectId(), caller.person().id(), searchId)
          .orElseThrow(() -> BoardIds.notFound("saved search", id));
    } else if (section.equals("dashboards")) {
      UUID dashboardId = BoardIds.parse(id, "dashboard");
      people
          .boards()
          .dashboards()
          .find(caller.projectId(), dashboardId)
          .orElseThrow(() -> BoardIds.notFound("dashboard", id));
    }
    String path =
        "/open?project="
            + URLEncoder.encode(caller.projectId(), StandardCharsets.UTF_8)
            + "&to="
            + URLEncoder.encode(page, StandardCharsets.UTF_8);
    people
        .audit()
        .onProject(
            caller.projectId(), caller.person().email(), "link_shared", page, ctx.ip(), kind);
    ctx.status(201).json(new MemberLink(kind, page, path));
  }
}
