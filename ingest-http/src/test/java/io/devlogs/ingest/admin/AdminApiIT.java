package io.devlogs.ingest.admin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.ingest.IngestOptions;
import io.devlogs.ingest.IngestServer;
import io.devlogs.ingest.TestDeps;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.IssuedKey;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.projects.Project;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.projects.Scope;
import io.devlogs.settings.Settings;
import io.devlogs.testing.Poll;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin API against the local PostgreSQL (DEVLOGS_POSTGRES_*), in an app whose key cache keeps
 * lookups for the longest TTL allowed, so a key refused right after its revocation proves the local
 * invalidation.
 */
class AdminApiIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  private static ProjectsDatabase database;
  private static ProjectStore projects;
  private static ApiKeyStore keyStore;
  private static IssuedKey operatorKey;
  private final List<String> cleanup = new ArrayList<>();

  @BeforeAll
  static void connect() {
    database = ProjectsDatabase.connect(Settings.fromEnvironment(new String[0]));
    projects = new ProjectStore(database);
    keyStore = new ApiKeyStore(database);
    operatorKey =
        keyStore.issueKey(
            projects.operatorProject().id(), Set.of(Scope.ADMIN), Instant.now().plusSeconds(600));
  }

  @AfterAll
  static void revokeOperatorKey() {
    keyStore.revokeKey(ProjectStore.OPERATOR_PROJECT_ID, operatorKey.info().id());
  }

  private static Javalin app() {
    return app(IngestOptions.defaults());
  }

  private static Javalin app(IngestOptions options) {
    KeyAuthenticator keys = new KeyAuthenticator(keyStore, KeyAuthenticator.MAX_TTL);
    return IngestServer.createApp(
        options,
        TestDeps.of(
            database,
            keys::authenticate,
            keys::invalidateAll,
            batch -> CompletableFuture.completedFuture(null)));
  }

  private static String uniqueName() {
    return "admin-it-" + System.nanoTime();
  }

  @Test
  void operatorCreatesAProjectWhoseAdminKeyIssuesListsAndRevokesKeys() {
    JavalinTest.test(
        app(),
        (server, client) -> {
          String name = uniqueName();
          Response created = createProject(client, name);
          assertThat(created.code()).isEqualTo(201);
          JsonNode project = json(created);
          String projectId = project.path("project").path("id").asText();
          assertThat(projectId).matches("p_[0-9A-Za-z]{16}");
          assertThat(project.path("project").path("name").asText()).isEqualTo(name);
          String adminKey = project.path("adminKey").path("key").asText();
          assertThat(adminKey).startsWith("dl_admin_");
          assertThat(project.path("adminKey").path("scopes").toString()).isEqualTo("[\"admin\"]");

          Response issued =
              send(
                  client,
                  "POST",
                  "/v1/admin/keys",
                  adminKey,
                  "{\"scopes\": [\"query\", \"ingest\"], \"expiresIn\": \"1d\"}");
          assertThat(issued.code()).isEqualTo(201);
          JsonNode key = json(issued);
          String rawKey = key.path("key").asText();
          String keyId = key.path("id").asText();
          assertThat(rawKey).startsWith("dl_ingest-query_");
          assertThat(key.path("projectId").asText()).isEqualTo(projectId);
          assertThat(key.path("scopes").toString()).isEqualTo("[\"ingest\",\"query\"]");
          assertThat(key.path("status").asText()).isEqualTo("active");
          assertThat(Instant.parse(key.path("expiresAt").asText()))
              .isBetween(Instant.now().plusSeconds(86_000), Instant.now().plusSeconds(86_500));

          // The new key ingests, and is now in this app's key cache.
          assertThat(ingest(client, rawKey).code()).isEqualTo(200);

          Response listed = send(client, "GET", "/v1/admin/keys", adminKey, null);
          assertThat(listed.code()).isEqualTo(200);
          String listing = listed.body().string();
          assertThat(listing).doesNotContain(rawKey).doesNotContain(adminKey);
          assertThat(listing).doesNotContain(io.devlogs.projects.IssuedKey.class.getSimpleName());
          JsonNode keys = JSON.readTree(listing).path("keys");
          assertThat(keys).hasSize(2);
          assertThat(keys.get(1).path("id").asText()).isEqualTo(keyId);
          assertThat(keys.get(1).path("prefix").asText()).isEqualTo(rawKey.substring(0, 12));
          assertThat(keys.get(1).has("key")).isFalse();
          assertThat(fieldNames(keys.get(1)))
              .containsExactly(
                  "id",
                  "projectId",
                  "prefix",
                  "scopes",
                  "createdAt",
                  "expiresAt",
                  "revokedAt",
                  "status");

          Response revoked = send(client, "DELETE", "/v1/admin/keys/" + keyId, adminKey, null);
          assertThat(revoked.code()).isEqualTo(200);
          JsonNode revokedKey = json(revoked);
          assertThat(revokedKey.path("status").asText()).isEqualTo("revoked");
          assertThat(revokedKey.path("revokedAt").isTextual()).isTrue();

          // Refused at once although the cache would keep the key for 10 s.
          Response refused = ingest(client, rawKey);
          assertThat(refused.code()).isEqualTo(401);
          JsonNode refusedBody = json(refused);
          assertThat(refusedBody.path("error").asText()).isEqualTo("invalid_key");
          assertThat(refusedBody.path("message").asText())
              .isEqualTo("invalid API key: unknown, revoked or expired");
        });
  }

  @Test
  void aProjectAtItsCapOfLiveKeysGets409NamingTheCapUntilItRevokesOne() {
    Project p = projects.createProject(uniqueName());
    IssuedKey admin = keyStore.issueKey(p.id(), Set.of(Scope.ADMIN), null);
    IssuedKey revoked = keyStore.issueKey(p.id(), Set.of(Scope.QUERY), null);
    keyStore.revokeKey(p.id(), revoked.info().id());
    JavalinTest.test(
        app(IngestOptions.defaults().withMaxLiveKeysPerProject(2)),
        (server, client) -> {
          String newKey = "{\"scopes\": [\"ingest\"]}";
          Response second = send(client, "POST", "/v1/admin/keys", admin.rawKey(), newKey);
          assertThat(second.code()).as("the revoked key does not count").isEqualTo(201);
          String secondId = json(second).path("id").asText();

          Response third = send(client, "POST", "/v1/admin/keys", admin.rawKey(), newKey);
          assertThat(third.code()).isEqualTo(409);
          JsonNode body = json(third);
          assertThat(body.path("error").asText()).isEqualTo("key_limit_reached");
          assertThat(body.path("message").asText())
              .contains("auth.max-live-keys-per-project", "revoke");
          assertThat(body.path("detail").path("limit").asText())
              .isEqualTo("auth.max-live-keys-per-project");
          assertThat(body.path("detail").path("max").asInt()).isEqualTo(2);
          assertThat(keyStore.listKeys(p.id())).hasSize(3);

          send(client, "DELETE", "/v1/admin/keys/" + secondId, admin.rawKey(), null).close();
          assertThat(send(client, "POST", "/v1/admin/keys", admin.rawKey(), newKey).code())
              .isEqualTo(201);
        });
  }

  @Test
  void anotherProjectsKeyIdsAreNotFound() {
    Project a = projects.createProject(uniqueName());
    Project b = projects.createProject(uniqueName());
    String adminA = keyStore.issueKey(a.id(), Set.of(Scope.ADMIN), null).rawKey();
    IssuedKey ingestB = keyStore.issueKey(b.id(), Set.of(Scope.INGEST), null);
    JavalinTest.test(
        app(),
        (server, client) -> {
          for (String id :
              List.of(
                  ingestB.info().id(),
                  "not-a-uuid",
                  "1%27%20OR%20%271%27%3D%271",
                  "9".repeat(2000))) {
            Response response = send(client, "DELETE", "/v1/admin/keys/" + id, adminA, null);
            assertThat(response.code()).as(id).isEqualTo(404);
            JsonNode body = json(response);
            assertThat(body.path("error").asText()).isEqualTo("not_found");
            assertThat(body.path("message").asText()).isEqualTo("no such key in this project");
            assertThat(body.has("detail")).isFalse();
          }
          assertThat(ingest(client, ingestB.rawKey()).code()).isEqualTo(200);

          JsonNode listed = json(send(client, "GET", "/v1/admin/keys", adminA, null));
          assertThat(listed.path("projectId").asText()).isEqualTo(a.id());
          assertThat(listed.path("keys").toString()).doesNotContain(ingestB.info().id());
        });
  }

  @Test
  void wrongExpiredAndUnderScopedKeysAreRefused() throws Exception {
    Project p = projects.createProject(uniqueName());
    String ingestOnly = keyStore.issueKey(p.id(), Scope.INGEST);
    String projectAdmin = keyStore.issueKey(p.id(), Set.of(Scope.ADMIN), null).rawKey();
    IssuedKey revokedAdmin = keyStore.issueKey(p.id(), Set.of(Scope.ADMIN), null);
    keyStore.revokeKey(p.id(), revokedAdmin.info().id());
    String expiring =
        keyStore.issueKey(p.id(), Set.of(Scope.ADMIN), Instant.now().plusMillis(1500)).rawKey();
    JavalinTest.test(
        app(),
        (server, client) -> {
          assertThat(send(client, "GET", "/v1/admin/keys", null, null).code()).isEqualTo(401);
          for (String key : List.of("dl_admin_unknown", revokedAdmin.rawKey(), "' OR 1=1 --")) {
            Response response = send(client, "GET", "/v1/admin/keys", key, null);
            assertThat(response.code()).as(key).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
          }

          Response underScoped = send(client, "GET", "/v1/admin/keys", ingestOnly, null);
          assertThat(underScoped.code()).isEqualTo(403);
          assertThat(json(underScoped).path("message").asText())
              .isEqualTo("this key lacks the 'admin' scope");

          Response notOperator =
              send(client, "POST", "/v1/admin/projects", projectAdmin, body("name", uniqueName()));
          assertThat(notOperator.code()).isEqualTo(403);
          assertThat(json(notOperator).path("message").asText()).contains("operator key");

          // The expiring key works until its expiry, then it is refused although cached.
          assertThat(send(client, "GET", "/v1/admin/keys", expiring, null).code()).isEqualTo(200);
          int status =
              Poll.latest(
                  Duration.ofSeconds(10),
                  () -> send(client, "GET", "/v1/admin/keys", expiring, null).code(),
                  code -> code != 200);
          assertThat(status).isEqualTo(401);
        });
  }

  @Test
  void hostileBodiesAreStoredVerbatimOrRefusedWithTheirProblem() {
    Project p = projects.createProject(uniqueName());
    String admin = keyStore.issueKey(p.id(), Set.of(Scope.ADMIN), null).rawKey();
    JavalinTest.test(
        app(),
        (server, client) -> {
          String sqlName = "x'); DROP TABLE projects; -- " + System.nanoTime();
          Response sql = createProject(client, sqlName);
          assertThat(sql.code()).isEqualTo(201);
          assertThat(json(sql).path("project").path("name").asText()).isEqualTo(sqlName);
          assertThat(projects.findProjectByName(sqlName)).isPresent();

          Response taken = createProject(client, sqlName);
          assertThat(taken.code()).isEqualTo(409);
          assertThat(json(taken).path("message").asText()).contains("already exists");

          Response huge = createProject(client, "n".repeat(10_000));
          assertThat(huge.code()).isEqualTo(400);
          assertThat(json(huge).path("message").asText()).contains("longer than 100");

          Response tooLarge = createProject(client, "n".repeat(20_000));
          assertThat(tooLarge.code()).isEqualTo(413);

          Response pastExpiry =
              send(
                  client,
                  "POST",
                  "/v1/admin/keys",
                  admin,
                  "{\"scopes\": [\"ingest\"], \"expiresAt\": \"2020-01-01T00:00:00Z\"}");
          assertThat(pastExpiry.code()).isEqualTo(400);
          assertThat(json(pastExpiry).path("message").asText()).contains("not in the future");

          Response badScope =
              send(client, "POST", "/v1/admin/keys", admin, "{\"scopes\": [\"root\"]}");
          assertThat(badScope.code()).isEqualTo(400);
          assertThat(json(badScope).path("message").asText()).contains("'root'");

          assertThat(keyStore.listKeys(p.id())).hasSize(1);
        });
  }

  /** POSTs a new project of that name with the operator key. */
  private static Response createProject(HttpClient client, String name) {
    return send(client, "POST", "/v1/admin/projects", operatorKey.rawKey(), body("name", name));
  }

  private static String body(String field, String value) {
    try {
      return JSON.writeValueAsString(java.util.Map.of(field, value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Response ingest(HttpClient client, String key) {
    return send(client, "POST", "/v1/logs", key, "{\"message\": \"hello\"}");
  }

  private static Response send(
      HttpClient client, String method, String path, String key, String body) {
    return client.request(
        path,
        (Request.Builder builder) -> {
          if (key != null) {
            builder.header("Authorization", "Bearer " + key);
          }
          builder.method(
              method, body == null ? null : RequestBody.create(body.getBytes(UTF_8), JSON_TYPE));
        });
  }

  private static JsonNode json(Response response) throws IOException {
    return JSON.readTree(response.body().string());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
