package io.devlogs.query.signin;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.devlogs.query.PeopleDeps;
import io.devlogs.query.http.JsonBody;
import io.devlogs.query.people.Invitation;
import io.devlogs.query.people.Invitations;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Optional;

/**
 * An invitation link's two routes: {@code GET /v1/invitations/{token}} shows what it grants, {@code
 * POST /v1/invitations/{token}/accept} accepts it once and signs the person in. A new person sets a
 * name and password; a person who has an account already confirms with their password. Unknown,
 * used and expired tokens get the same 404.
 */
public final class InvitationsController {
  private final PeopleDeps people;

  public InvitationsController(PeopleDeps people) {
    this.people = people;
  }

  /**
   * What a pending invitation shows: whose it is, what it grants, and whether to set a password.
   */
  public record InvitationView(Invitation invitation, boolean existingAccount) {}

  public void show(Context ctx) {
    Invitation invitation = pending(ctx.pathParam("token"));
    boolean existing = people.users().findByEmail(invitation.email()).isPresent();
    ctx.json(new InvitationView(invitation, existing));
  }

  public void accept(Context ctx) {
    String token = ctx.pathParam("token");
    Invitation invitation = pending(token);
    JsonBody body = JsonBody.of(ctx);
    String password = body.text("password");
    boolean existing = people.users().findByEmail(invitation.email()).isPresent();
    String hash = null;
    if (!existing) {
      try {
        hash = people.passwords().hash(password);
      } catch (IllegalArgumentException e) {
        throw JsonBody.invalid("password", e.getMessage().replace("a password ", ""));
      }
    }
    Instant now = people.clock().instant();
    Optional<Invitations.Accepted> accepted;
    try {
      accepted =
          people
              .invitations()
              .accept(
                  token,
                  now,
                  body.optionalText("name").orElse(null),
                  hash,
                  person -> {
                    if (!people.passwords().matches(password, person.passwordHash())) {
                      throw new ApiException(
                          ErrorCode.INVALID_CREDENTIALS,
                          "you have an account: confirm with its password",
                          null);
                    }
                  });
    } catch (IllegalArgumentException e) {
      throw JsonBody.invalid("name", e.getMessage());
    }
    Invitations.Accepted done = accepted.orElseThrow(InvitationsController::gone);
    people
        .audit()
        .onOrganisation(
            done.invitation().organisationId(),
            done.user().email(),
            "invitation_accepted",
            done.invitation().role().dbValue()
                + (done.invitation().projectId() == null
                    ? " of the organisation"
                    : " of " + done.invitation().projectId()),
            ctx.ip());
    SignInController.startSession(people, ctx, done.user(), done.invitation().projectId());
    ctx.json(SignInController.view(people, ctx, done.user()));
  }

  private Invitation pending(String token) {
    return people
        .invitations()
        .pending(token, people.clock().instant())
        .orElseThrow(InvitationsController::gone);
  }

  private static ApiException gone() {
    return new ApiException(
        ErrorCode.NOT_FOUND,
        "this invitation is unknown, already used or expired: ask for a new one");
  }
}
