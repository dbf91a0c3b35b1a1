package io.devlogs.query.members;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.devlogs.http.KeyCheck;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.Scope;
import io.devlogs.query.PeopleDeps;
import io.devlogs.query.http.Authentication;
import io.devlogs.query.http.JsonBody;
import io.devlogs.query.http.QueryKeys;
import io.devlogs.query.http.RequestParams;
import io.devlogs.query.people.Invitations;
import io.devlogs.query.people.Membership;
import io.devlogs.query.people.Organisation;
import io.devlogs.query.people.Role;
import io.devlogs.query.people.User;
import io.devlogs.query.signin.SignedIn;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Organisations: a person's own ({@code GET /v1/organisations}), an organisation's audit log for
 * its owners ({@code GET /v1/organisations/{id}/audit}: 404 for an organisation the person does not
 * own, so ids cannot be probed), and creating one with the operator key ({@code POST
 * /v1/operator/organisations}: the projects it owns and an owner's invitation).
 */
public final class OrganisationsController {
  private final PeopleDeps people;
  private final QueryKeys keys;

  public OrganisationsController(PeopleDeps people, QueryKeys keys) {
    this.people = people;
    this.keys = keys;
  }

  private static User person(Context ctx) {
    return Authentication.signedIn(ctx)
        .map(SignedIn::session)
        .map(s -> s.user())
        .orElseThrow(() -> new ApiException(ErrorCode.NOT_SIGNED_IN, "sign in first"));
  }

  public void mine(Context ctx) {
    ctx.json(Map.of("organisations", people.organisations().organisationsOf(person(ctx).id())));
  }

  public void audit(Context ctx) {
    User person = person(ctx);
    String organisationId = ctx.pathParam("organisationId");
    if (!owns(people.organisations().organisationsOf(person.id()), organisationId)) {
      throw new ApiException(
          ErrorCode.NOT_FOUND, "you own no organisation with id '" + organisationId + "'");
    }
    int limit = new RequestParams(ctx.queryParamMap()).limit(200, 1_000);
    ctx.json(Map.of("entries", people.audit().log().list(organisationId, limit)));
  }

  /** What creating an organisation made: it, the projects it now owns, the owner's invitation. */
  public record Created(
      Organisation organisation, List<String> projectIds, MembersController.InvitationLink owner) {}

  public void create(Context ctx) {
    String token = KeyAuthenticator.bearerToken(ctx.header("Authorization")).orElse(null);
    ProjectKey key = KeyCheck.require(keys::authenticate, token, Scope.ADMIN);
    if (!ProjectStore.isOperator(key)) {
      throw new ApiException(
          ErrorCode.FORBIDDEN, "only the operator key may create organisations", null);
    }
    JsonBody body = JsonBody.of(ctx);
    String name = body.text("name");
    String ownerEmail = body.text("ownerEmail");
    List<String> projectIds = body.texts("projectIds");
    Organisation organisation;
    try {
      organisation = people.organisations().create(name);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.CONFLICT, e.getMessage(), Map.of("field", "name"));
    }
    List<String> attached = new ArrayList<>();
    for (String projectId : projectIds) {
      if (!people.organisations().attachProject(organisation.id(), projectId)) {
        throw new ApiException(
            ErrorCode.CONFLICT,
            "project '" + projectId + "' does not exist or belongs to another organisation",
            Map.of("field", "projectIds", "organisation", organisation.id(), "attached", attached));
      }
      attached.add(projectId);
    }
    Invitations.Issued invitation;
    try {
      invitation =
          people
              .invitations()
              .create(
                  organisation.id(),
                  null,
                  Role.OWNER,
                  ownerEmail,
                  "operator",
                  people.clock().instant().plus(people.options().invitationLifetime()));
    } catch (IllegalArgumentException e) {
      throw JsonBody.invalid("ownerEmail", e.getMessage());
    }
    people
        .audit()
        .onOrganisation(organisation.id(), "operator", "organisation_created", name, ctx.ip());
    people
        .audit()
        .onOrganisation(
            organisation.id(),
            "operator",
            "invitation_created",
            invitation.invitation().email(),
            ctx.ip());
    String path = "/invitations/" + invitation.token();
    String origin =
        people.options().publicOrigin().orElseGet(() -> ctx.scheme() + "://" + ctx.host());
    ctx.status(201)
        .json(
            new Created(
                organisation,
                attached,
                new MembersController.InvitationLink(
                    path, origin + path, invitation.invitation())));
  }

  private static boolean owns(List<Membership> memberships, String organisationId) {
    return memberships.stream()
        .anyMatch(m -> m.organisationId().equals(organisationId) && m.owner());
  }
}
