package io.devlogs.ingest;

import static io.devlogs.ingest.FormatsTestApp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.projects.Scope;
import io.devlogs.testing.OwnedPostgres;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ingest through a PostgreSQL outage, with a real PostgreSQL this test owns and stops: a key used
 * shortly before keeps working from the cache, a key never seen gets 503 with {@code Retry-After},
 * and a revoked key is refused at once while PostgreSQL is up.
 */
class KeyStoreOutageTest {

  private OwnedPostgres postgres;
  private ProjectStore projects;
  private ApiKeyStore keyStore;

  @BeforeEach
  void startPostgres() throws Exception {
    postgres = OwnedPostgres.start(Path.of("..", "schema", "ddl", "postgres"));
    ProjectsDatabase database =
        ProjectsDatabase.connect(postgres.jdbcUrl(), "postgres", "postgres");
    projects = new ProjectStore(database);
    keyStore = new ApiKeyStore(database);
  }

  @AfterEach
  void stopPostgres() {
    postgres.close();
  }

  private static Response post(HttpClient client, String key) {
    return client.request(
        "/v1/logs",
        b ->
            b.header("Authorization", "Bearer " + key)
                .post(
                    RequestBody.create("{\"msg\":\"hi\"}", MediaType.get("application/x-ndjson"))));
  }

  @Test
  void recentlyUsedKeysWorkThroughAnOutageAndRevokedOnesAreRefusedAtOnce() throws Exception {
    String project = projects.createProject("outage").id();
    String used = keyStore.issueKey(project, Scope.INGEST);
    String unused = keyStore.issueKey(project, Scope.INGEST);
    String revoked = keyStore.issueKey(project, Scope.INGEST);
    // TTL 0: every request asks PostgreSQL while it answers; the grace covers the outage.
    KeyAuthenticator keys = new KeyAuthenticator(keyStore, Duration.ZERO, Duration.ofMinutes(10));
    RecordingEventSink sink = new RecordingEventSink();
    JavalinTest.test(
        IngestServer.createApp(IngestOptions.defaults(), TestDeps.of(keys::authenticate, sink)),
        (server, client) -> {
          assertThat(post(client, used).code()).isEqualTo(200);
          assertThat(post(client, revoked).code()).isEqualTo(200);
          assertThat(keyStore.revokeKey(revoked)).isTrue();
          assertThat(post(client, revoked).code()).as("revoked, PostgreSQL up").isEqualTo(401);

          postgres.stop();
          assertThat(post(client, used).code()).as("used before the outage").isEqualTo(200);
          Response unseen = post(client, unused);
          assertThat(unseen.code()).as("never seen").isEqualTo(503);
          assertThat(unseen.header("Retry-After")).isEqualTo("5");
          assertThat(json(unseen).get("error").asText()).isEqualTo("backend_unavailable");
          assertThat(post(client, revoked).code()).as("known revoked").isIn(401, 503);

          postgres.restart();
          assertThat(post(client, unused).code()).isEqualTo(200);
          assertThat(post(client, revoked).code()).isEqualTo(401);
        });
    assertThat(sink.batches).hasSize(4);
  }
}
