package io.devlogs.query.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.projects.Scope;
import io.devlogs.query.QueryServer;
import io.devlogs.query.support.TestDeps;
import io.devlogs.testing.OwnedPostgres;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The query API through a PostgreSQL outage, with a real PostgreSQL this test owns and stops: a key
 * used shortly before keeps working from the cache, a key never seen gets 503 with {@code
 * Retry-After} (it used to be 500), a revoked key is refused at once while PostgreSQL is up.
 */
class KeyStoreOutageTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Response get(HttpClient client, String key) {
    return client.get("/v1/streams/run-1", b -> b.header("Authorization", "Bearer " + key));
  }

  @Test
  void recentlyUsedKeysWorkThroughAnOutageAndOthersGet503() throws Exception {
    try (OwnedPostgres postgres = OwnedPostgres.start(Path.of("..", "schema", "ddl", "postgres"))) {
      ProjectsDatabase database =
          ProjectsDatabase.connect(postgres.jdbcUrl(), "postgres", "postgres");
      ApiKeyStore store = new ApiKeyStore(database);
      String project = new ProjectStore(database).createProject("outage").id();
      String used = store.issueKey(project, Scope.QUERY);
      String unused = store.issueKey(project, Scope.QUERY);
      String revoked = store.issueKey(project, Scope.QUERY);
      KeyAuthenticator keys = new KeyAuthenticator(store, Duration.ZERO, Duration.ofMinutes(10));
      JavalinTest.test(
          QueryServer.createApp(TestDeps.of(keys::authenticate, Clock.systemUTC())),
          (server, client) -> {
            assertThat(get(client, used).code()).isEqualTo(200);
            assertThat(get(client, revoked).code()).isEqualTo(200);
            assertThat(store.revokeKey(revoked)).isTrue();
            assertThat(get(client, revoked).code()).as("revoked, PostgreSQL up").isEqualTo(401);

            postgres.stop();
            assertThat(get(client, used).code()).as("used before the outage").isEqualTo(200);
            Response unseen = get(client, unused);
            assertThat(unseen.code()).as("never seen").isEqualTo(503);
            assertThat(unseen.header("Retry-After")).isEqualTo("5");
            assertThat(JSON.readTree(unseen.body().string()).path("error").asText())
                .isEqualTo("backend_unavailable");

            postgres.restart();
            assertThat(get(client, unused).code()).isEqualTo(200);
            assertThat(get(client, revoked).code()).isEqualTo(401);
          });
    }
  }
}
