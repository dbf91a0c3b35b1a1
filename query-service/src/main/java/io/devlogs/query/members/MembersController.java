package io.devlogs.query.members;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.devlogs.query.PeopleDeps;
import io.devlogs.query.http.JsonBody;
import io.devlogs.query.people.Invitation;
import io.devlogs.query.people.Invitations;
import io.devlogs.query.people.Member;
import io.devlogs.query.people.Role;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The session's project's people: every member may list them; an admin invites people, changes
 * roles and removes project roles, never above their own role, never of someone above them, never
 * their own.
 */
public final class MembersController {
  private final PeopleDeps people;

  public MembersController(PeopleDeps people) {
    this.people = people;
  }

  public void list(Context ctx) {
    ProjectRole caller = ProjectRole.require(ctx, Role.VIEWER);
    ctx.json(Map.of("members", people.organisations().members(caller.projectId())));
  }

  /**
   * What an invitation's creator gets: the link's path (its token's only copy) and what it grants.
   */
  public record InvitationLink(String path, String url, Invitation invitation) {}

  public void invite(Context ctx) {
    ProjectRole caller = ProjectRole.require(ctx, Role.ADMIN);
    JsonBody body = JsonBody.of(ctx);
    Role role = role(body);
    String email = body.text("email");
    grantable(caller, role);
    Invitations.Issued issued;
    try {
      issued =
          people
              .invitations()
              .create(
                  caller.project().organisationId(),
                  caller.projectId(),
                  role,
                  email,
                  caller.person().id(),
                  people.clock().instant().plus(people.options().invitationLifetime()));
    } catch (IllegalArgumentException e) {
      throw JsonBody.invalid("email", e.getMessage());
    }
    people
        .audit()
        .onProject(
            caller.projectId(),
            caller.person().email(),
            "invitation_created",
            issued.invitation().email(),
            ctx.ip(),
            role.dbValue());
    String path = "/invitations/" + issued.token();
    String origin =
        people.options().publicOrigin().orElseGet(() -> ctx.scheme() + "://" + ctx.host());
    ctx.status(201).json(new InvitationLink(path, origin + path, issued.invitation()));
  }

  public void invitations(Context ctx) {
    ProjectRole caller = ProjectRole.require(ctx, Role.ADMIN);
    List<Invitation> pending =
        people.invitations().pendingForProject(caller.projectId(), people.clock().instant());
    ctx.json(Map.of("invitations", pending));
  }

  public void setRole(Context ctx) {
    ProjectRole caller = ProjectRole.require(ctx, Role.ADMIN);
    Member target = changeable(caller, ctx.pathParam("userId"));
    Role role = role(JsonBody.of(ctx));
    grantable(caller, role);
    people.organisations().setProjectRole(caller.projectId(), target.user().id(), role);
    people
        .audit()
        .onProject(
            caller.projectId(),
            caller.person().email(),
            "role_changed",
            target.user().email(),
            ctx.ip(),
            (target.projectRole() == null ? "none" : target.projectRole().dbValue())
                + " -> "
                + role.dbValue());
    ctx.json(member(caller.projectId(), target.user().id()).orElseThrow());
  }

  public void remove(Context ctx) {
    ProjectRole caller = ProjectRole.require(ctx, Role.ADMIN);
    Member target = changeable(caller, ctx.pathParam("userId"));
    people.organisations().removeProjectRole(caller.projectId(), target.user().id());
    people
        .audit()
        .onProject(
            caller.projectId(),
            caller.person().email(),
            "member_removed",
            target.user().email(),
            ctx.ip(),
            target.projectRole() == null ? null : target.projectRole().dbValue());
    // An organisation-wide role stays: the answer says which role remains, if any.
    ctx.json(
        Map.of(
            "remainingRole",
            member(caller.projectId(), target.user().id())
                .map(m -> m.role().dbValue())
                .orElse("none")));
  }

  private Optional<Member> member(String projectId, String userId) {
    return people.organisations().members(projectId).stream()
        .filter(m -> m.user().id().equals(userId))
        .findFirst();
  }

  /** A member of the project the caller may change; 404 for anyone else (no probing of ids). */
  private Member changeable(ProjectRole caller, String userId) {
    Member target =
        member(caller.projectId(), userId)
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorCode.NOT_FOUND,
                        "this project has no member with id '" + userId + "'"));
    if (target.user().id().equals(caller.person().id())) {
      throw new ApiException(
          ErrorCode.FORBIDDEN, "you cannot change your own role", Map.of("check", "self"));
    }
    if (target.role().compareTo(caller.role()) > 0) {
      throw new ApiException(
          ErrorCode.FORBIDDEN,
          "this member's role (" + target.role().dbValue() + ") is above yours",
          Map.of("requiredRole", target.role().dbValue(), "role", caller.role().dbValue()));
    }
    return target;
  }

  private static void grantable(ProjectRole caller, Role role) {
    if (role.compareTo(caller.role()) > 0) {
      throw new ApiException(
          ErrorCode.FORBIDDEN,
          "you cannot grant " + role.dbValue() + ", above your own role " + caller.role().dbValue(),
          Map.of("requiredRole", role.dbValue(), "role", caller.role().dbValue()));
    }
  }

  private static Role role(JsonBody body) {
    try {
      return Role.parse(body.text("role"));
    } catch (IllegalArgumentException e) {
      throw JsonBody.invalid("role", e.getMessage());
    }
  }
}
