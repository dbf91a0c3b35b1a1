package io.devlogs.query.boards;

import io.devlogs.query.PeopleDeps;
import io.devlogs.query.http.JsonBody;
import io.devlogs.query.members.ProjectRole;
import io.devlogs.query.people.Role;
import io.devlogs.query.signin.PeopleOptions;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * {@code /v1/project/public-links}: public read-only links of the session's project. Everyone with
 * a role lists them; editors make them (a stream, or a snapshot of a saved search they can see),
 * each expiring within {@code people.public-link.max-lifetime}, and revoke them. Making and
 * revoking are audited.
 */
public final class PublicLinksController {
  static final int MAX_STREAM_NAME = 256;

  private final PeopleDeps people;
  private final SearchSnapshots snapshots;

  public PublicLinksController(PeopleDeps people, io.devlogs.query.logs.LogSearch search) {
    this.people = Objects.requireNonNull(people, "people");
    PeopleOptions.PublicLinkLimits limits = people.options().publicLinks();
    this.snapshots =
        new SearchSnapshots(search, limits.snapshotEvents(), limits.snapshotMaxBytes());
  }

  /** A link as its project's members see it (never its token). */
  public record LinkView(
      UUID id,
      PublicLink.Kind kind,
      String title,
      String stream,
      Instant rangeFrom,
      Instant rangeTo,
      Instant createdAt,
      Instant expiresAt,
      Instant revokedAt,
      String status) {}

  /** A link just made: {@code token} and {@code path} are shown this once. */
  public record IssuedView(String token, String path, LinkView link) {}

  LinkView view(PublicLink link) {
    return new LinkView(
        link.id(),
        link.kind(),
        link.title(),
        link.stream(),
        link.rangeFrom(),
        link.rangeTo(),
        link.createdAt(),
        link.expiresAt(),
        link.revokedAt(),
        link.status(people.clock().instant()));
  }

  public void list(Context ctx) {
    ProjectRole caller = ProjectRole.require(ctx, Role.VIEWER);
    ctx.json(
        Map.of(
            "links",
            people.boards().publicLinks().list(caller.projectId()).stream()
                .map(this::view)
                .toList()));
  }

  public void create(Context ctx) {
    ProjectRole caller = ProjectRole.require(ctx, Role.EDITOR);
    JsonBody body = JsonBody.of(ctx);
    Instant now = people.clock().instant();
    PublicLink.Kind kind;
    try {
      kind = PublicLink.Kind.parse(body.text("kind"));
    } catch (IllegalArgumentException e) {
      throw JsonBody.invalid("kind", e.getMessage());
    }
    Instant expiresAt;
    try {
      expiresAt =
          now.plus(
              RelativeSpan.parse(
                      body.text("expiresIn"), people.options().publicLinks().maxLifetime())
                  .duration());
    } catch (IllegalArgumentException e) {
      throw JsonBody.invalid("expiresIn", e.getMessage());
    }
    PublicLinks.Draft draft =
        kind == PublicLink.Kind.STREAM
            ? streamDraft(body, now, expiresAt)
            : snapshotDraft(body, caller, now, expiresAt);
    PublicLinks.Issued issued =
        people.boards().publicLinks().create(caller.projectId(), caller.person().id(), draft, now);
    people
        .audit()
        .onProject(
            caller.projectId(),
            caller.person().email(),
            "public_link_created",
            issued.link().id().toString(),
            ctx.ip(),
            kind.dbValue() + ": " + draft.title() + ", expires " + expiresAt);
    ctx.status(201)
        .json(new IssuedView(issued.token(), "/p/" + issued.token(), view(issued.link())));
  }

  /** A stream over {@code range}: {"last": "24h"} follows it up to now, {"from","to"} is fixed. */
  private static PublicLinks.Draft streamDraft(JsonBody body, Instant now, Instant expiresAt) {
    String stream = body.text("stream");
    if (stream.isBlank() || stream.length() > MAX_STREAM_NAME) {
      throw JsonBody.invalid("stream", "must have 1 to " + MAX_STREAM_NAME + " characters");
    }
    TimeWindow window =
        body.optionalNode("range")
            .map(node -> TimeWindow.parse(node, "range"))
            .orElseGet(() -> TimeWindow.lastOf("24h"));
    Instant from = window.at(now).from();
    Instant to = window.relative() ? null : window.to();
    String title = body.optionalText("title").map(String::trim).orElse("stream " + stream);
    return new PublicLinks.Draft(
        PublicLink.Kind.STREAM, title(title), stream, from, to, null, expiresAt);
  }

  private PublicLinks.Draft snapshotDraft(
      JsonBody body, ProjectRole caller, Instant now, Instant expiresAt) {
    String idText = body.text("savedSearchId");
    SavedSearch saved =
        people
            .boards()
            .searches()
            .find(caller.projectId(), caller.person().id(), BoardIds.parse(idText, "saved search"))
            .orElseThrow(() -> BoardIds.notFound("saved search", idText));
    String snapshot = snapshots.take(caller.projectId(), saved, now);
    String title = body.optionalText("title").map(String::trim).orElse(saved.name());
    return new PublicLinks.Draft(
        PublicLink.Kind.SEARCH_SNAPSHOT, title(title), null, null, null, snapshot, expiresAt);
  }

  private static String title(String title) {
    if (title.isEmpty() || title.length() > SavedSearchDrafts.MAX_NAME) {
      throw JsonBody.invalid(
          "title", "must have 1 to " + SavedSearchDrafts.MAX_NAME + " characters");
    }
    return title;
  }

  public void revoke(Context ctx) {
    ProjectRole caller = ProjectRole.require(ctx, Role.EDITOR);
    String text = ctx.pathParam("linkId");
    PublicLink revoked =
        people
            .boards()
            .publicLinks()
            .revoke(
                caller.projectId(), BoardIds.parse(text, "public link"), people.clock().instant())
            .orElseThrow(() -> BoardIds.notFound("public link", text));
    people
        .audit()
        .onProject(
            caller.projectId(),
            caller.person().email(),
            "public_link_revoked",
            revoked.id().toString(),
            ctx.ip(),
            revoked.title());
    ctx.json(view(revoked));
  }
}
