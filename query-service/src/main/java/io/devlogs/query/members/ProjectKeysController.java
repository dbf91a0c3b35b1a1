package io.devlogs.query.members;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.devlogs.projects.ApiKeyInfo;
import io.devlogs.projects.IssuedKey;
import io.devlogs.projects.LiveKeyLimitException;
import io.devlogs.projects.Scope;
import io.devlogs.query.PeopleDeps;
import io.devlogs.query.http.JsonBody;
import io.devlogs.query.people.Role;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The API keys of the session's project, for its admins: list them, issue one (its raw key is in
 * the answer only), revoke one by id. The project is the session's, so another project's key ids
 * answer 404.
 */
public final class ProjectKeysController {
  private final PeopleDeps people;

  public ProjectKeysController(PeopleDeps people) {
    this.people = people;
  }

  /** What may be shown about a key: never its hash or the raw key. */
  public record KeyView(
      String id,
      String prefix,
      List<String> scopes,
      Instant createdAt,
      Instant expiresAt,
      Instant revokedAt,
      String status) {}

  /** A key just issued: {@code key} is the raw key, shown once. */
  public record IssuedKeyView(String key, KeyView info) {}

  KeyView view(ApiKeyInfo info) {
    return new KeyView(
        info.id(),
        info.prefix(),
        new TreeSet<>(info.scopes()).stream().map(Scope::dbValue).toList(),
        info.createdAt(),
        info.expiresAt(),
        info.revokedAt(),
        info.status(people.clock().instant()));
  }

  public void list(Context ctx) {
    ProjectRole caller = ProjectRole.require(ctx, Role.ADMIN);
    ctx.json(
        Map.of(
            "keys", people.keys().listKeys(caller.projectId()).stream().map(this::view).toList()));
  }

  public void issue(Context ctx) {
    ProjectRole caller = ProjectRole.require(ctx, Role.ADMIN);
    JsonBody body = JsonBody.of(ctx);
    Set<Scope> scopes;
    try {
      scopes = Scope.fromDbValues(body.texts("scopes"));
    } catch (IllegalArgumentException e) {
      throw JsonBody.invalid("scopes", e.getMessage());
    }
    Instant expiresAt;
    try {
      expiresAt = body.optionalText("expiresAt").map(Instant::parse).orElse(null);
    } catch (DateTimeParseException e) {
      throw JsonBody.invalid(
          "expiresAt", "must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
    }
    IssuedKey issued;
    try {
      issued = people.keys().issueKey(caller.projectId(), scopes, expiresAt);
    } catch (LiveKeyLimitException e) {
      throw new ApiException(ErrorCode.KEY_LIMIT_REACHED, e.getMessage(), null);
    } catch (IllegalArgumentException e) {
      throw JsonBody.invalid("expiresAt", e.getMessage());
    }
    people
        .audit()
        .onProject(
            caller.projectId(),
            caller.person().email(),
            "key_issued",
            issued.info().id(),
            ctx.ip(),
            String.join(",", view(issued.info()).scopes()));
    ctx.status(201).json(new IssuedKeyView(issued.rawKey(), view(issued.info())));
  }

  public void revoke(Context ctx) {
    ProjectRole caller = ProjectRole.require(ctx, Role.ADMIN);
    String keyId = ctx.pathParam("keyId");
    ApiKeyInfo revoked =
        people
            .keys()
            .revokeKey(caller.projectId(), keyId)
            .orElseThrow(
                () ->
                    new ApiException(
                        ErrorCode.NOT_FOUND, "this project has no key with id '" + keyId + "'"));
    people.onKeyRevoked().run();
    people
        .audit()
        .onProject(
            caller.projectId(), caller.person().email(), "key_revoked", keyId, ctx.ip(), null);
    ctx.json(view(revoked));
  }
}
