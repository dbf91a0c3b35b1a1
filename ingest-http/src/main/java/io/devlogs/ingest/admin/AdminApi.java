package io.devlogs.ingest.admin;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.devlogs.ingest.auth.Authenticator;
import io.devlogs.ingest.auth.RequestAuthenticator;
import io.devlogs.projects.ApiKeyInfo;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.IssuedKey;
import io.devlogs.projects.LiveKeyLimitException;
import io.devlogs.projects.Project;
import io.devlogs.projects.ProjectKey;
import io.devlogs.projects.ProjectNameTakenException;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.Scope;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API, JSON with {@code Authorization: Bearer <admin key>}. An admin key manages the keys
 * of its own project only, so no route names a project:
 *
 * <pre>
 * POST   /v1/admin/keys        {"scopes": ["ingest"], "expiresAt" | "expiresIn": ...}  201, raw key once
 * GET    /v1/admin/keys        the project's keys: id, prefix, scopes, times, status
 * DELETE /v1/admin/keys/{id}   revokes; 404 for an id that is not this project's
 * POST   /v1/admin/projects    {"name": ...}  operator keys only; 201 with the project and its
 *                              first admin key
 * </pre>
 *
 * The operator credential is an admin key of the built-in project {@value
 * ProjectStore#OPERATOR_PROJECT_ID}, issued with {@code ProjectsCli operator-key}: it is hashed,
 * can expire, is listed and revoked like any key, and needs no secret in the service's settings.
 */
public final class AdminApi {

  private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);

  private final ProjectStore projects;
  private final ApiKeyStore keys;
  private final RequestAuthenticator auth;
  private final Runnable onRevoked;
  private final Clock clock;

  /**
   * @param onRevoked called after a key was revoked, to drop cached lookups (in production {@link
   *     io.devlogs.projects.KeyAuthenticator#invalidateAll})
   */
  public AdminApi(
      ProjectStore projects,
      ApiKeyStore keys,
      Authenticator authenticator,
      Runnable onRevoked,
      Clock clock) {
    this.projects = Objects.requireNonNull(projects, "projects");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.auth = new RequestAuthenticator(authenticator);
    this.onRevoked = Objects.requireNonNull(onRevoked, "onRevoked");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** {@code POST /v1/admin/projects}. */
  public void createProject(Context ctx) {
    ProjectKey key = auth.require(ctx, Scope.ADMIN);
    if (!ProjectStore.isOperator(key)) {
      throw new ApiException(
          ErrorCode.WRONG_SCOPE,
          "creating projects needs an operator key (an admin key of the '"
              + ProjectStore.OPERATOR_PROJECT_ID
              + "' project)",
          Map.of("requiredScope", "operator"));
    }
    AdminRequests.NewProject request = AdminRequests.newProject(ctx.bodyAsBytes());
    ProjectStore.ProjectWithKey created =
        call(() -> projects.createProjectWithAdminKey(request.name()));
    Project project = created.project();
    LOG.info("Project {} created by operator", project.id());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("project", Map.of("id", project.id(), "name", project.name()));
    body.put("adminKey", KeyJson.issued(created.key(), clock.instant()));
    ctx.status(201).json(body);
  }

  /** {@code POST /v1/admin/keys}. */
  public void issueKey(Context ctx) {
    ProjectKey key = auth.require(ctx, Scope.ADMIN);
    Instant now = clock.instant();
    AdminRequests.NewKey request = AdminRequests.newKey(ctx.bodyAsBytes(), now);
    IssuedKey issued =
        call(() -> keys.issueKey(key.projectId(), request.scopes(), request.expiresAt()));
    LOG.info("Key {} issued for project {}", issued.info().id(), key.projectId());
    ctx.status(201).json(KeyJson.issued(issued, now));
  }

  /** {@code GET /v1/admin/keys}. */
  public void listKeys(Context ctx) {
    ProjectKey key = auth.require(ctx, Scope.ADMIN);
    Instant now = clock.instant();
    List<Map<String, Object>> listed =
        call(() -> keys.listKeys(key.projectId())).stream()
            .map(info -> KeyJson.of(info, now))
            .toList();
    ctx.json(Map.of("projectId", key.projectId(), "keys", listed));
  }

  /** {@code DELETE /v1/admin/keys/{id}}. */
  public void revokeKey(Context ctx) {
    ProjectKey key = auth.require(ctx, Scope.ADMIN);
    ApiKeyInfo revoked =
        call(() -> keys.revokeKey(key.projectId(), ctx.pathParam("id")))
            .orElseThrow(
                () -> new ApiException(ErrorCode.NOT_FOUND, "no such key in this project", null));
    onRevoked.run();
    LOG.info("Key {} of project {} revoked", revoked.id(), key.projectId());
    ctx.json(KeyJson.of(revoked, clock.instant()));
  }

  /** Runs a store call, answering its failures: 409 name taken, 400 bad input, 503 no store. */
  private static <T> T call(Supplier<T> work) {
    try {
      return work.get();
    } catch (ProjectNameTakenException e) {
      throw new ApiException(ErrorCode.CONFLICT, e.getMessage(), null);
    } catch (LiveKeyLimitException e) {
      throw new ApiException(
          ErrorCode.KEY_LIMIT_REACHED,
          e.getMessage(),
          Map.of("limit", LiveKeyLimitException.SETTING, "max", e.max()));
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.INVALID_BODY, e.getMessage(), null);
    } catch (IllegalStateException e) {
      LOG.warn("Project store unavailable: {}", e.getMessage());
      throw ApiException.unavailable(
          "postgresql", "the project store (PostgreSQL) cannot be reached, retry later");
    }
  }
}
