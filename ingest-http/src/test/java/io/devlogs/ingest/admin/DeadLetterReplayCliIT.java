package io.devlogs.ingest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.deadletters.DeadLetterCause;
import io.devlogs.deadletters.DeadLetterRow;
import io.devlogs.ingest.IngestOptions;
import io.devlogs.ingest.IngestServer;
import io.devlogs.ingest.TestDeps;
import io.devlogs.ingest.kafka.EventBatch;
import io.devlogs.ingest.kafka.EventSink;
import io.devlogs.projects.ApiKeyInfo;
import io.devlogs.projects.ApiKeyStore;
import io.devlogs.projects.KeyAuthenticator;
import io.devlogs.projects.Project;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.projects.Scope;
import io.devlogs.settings.Settings;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The launcher's {@code dead-letters replay} command against an ingest app in the test (this build)
 * with the local PostgreSQL and ClickHouse: it issues the project a short-lived admin key, calls
 * the replay route, prints each dead letter's outcome, and revokes the key.
 */
class DeadLetterReplayCliIT {

  @Test
  void aDryRunPrintsEachDeadLetterAndRevokesItsKey() throws Exception {
    Settings env = Settings.fromEnvironment(new String[0]);
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<EventBatch> sent = new CopyOnWriteArrayList<>();
    EventSink sink =
        batch -> {
          sent.add(batch);
          return CompletableFuture.completedFuture(null);
        };
    ProjectsDatabase database = ProjectsDatabase.connect(env);
    ApiKeyStore keyStore = new ApiKeyStore(database);
    Project project = new ProjectStore(database).createProject("replay-cli-it-" + run);
    KeyAuthenticator keys = new KeyAuthenticator(keyStore, Duration.ofSeconds(5));
    Javalin app =
        IngestServer.createApp(
            IngestOptions.defaults(),
            TestDeps.of(keys::authenticate, sink)
                .withDeadLetters(
                    (projectId, selection) ->
                        List.of(
                            stored("dl-" + run, project.id(), DeadLetterCause.OUT_OF_BOUNDS),
                            stored("late-" + run, project.id(), DeadLetterCause.TOO_LATE))));
    app.start("127.0.0.1", 0);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int status =
          DeadLetterReplayCli.run(
              List.of("replay", "--project", project.id(), "--since", "2h", "--dry-run"),
              Settings.fromEnvironment(
                  new String[] {"--ingest.url=http://127.0.0.1:" + app.port()}),
              new PrintStream(out, true, StandardCharsets.UTF_8));
      String printed = out.toString(StandardCharsets.UTF_8);
      assertThat(status).as(printed).isZero();
      assertThat(printed)
          .contains("dl-" + run + "  out_of_bounds  would replay")
          .contains("late-" + run + "  too_late  skipped: too_late: the event is stored")
          .contains(
              "project "
                  + project.id()
                  + ": 2 dead letters selected, 1 would be replayed"
                  + " (dry run), 1 skipped");
      assertThat(sent).as("a dry run sends nothing").isEmpty();
    } finally {
      app.stop();
    }
    List<ApiKeyInfo> keysOfProject = keyStore.listKeys(project.id());
    assertThat(keysOfProject).hasSize(1);
    assertThat(keysOfProject.get(0).scopes()).containsExactly(Scope.ADMIN);
    assertThat(keysOfProject.get(0).revokedAt()).as("the command's key is revoked").isNotNull();
  }

  /** A stored dead letter of a JSON record sent just now. */
  private static DeadLetterRow stored(String id, String projectId, DeadLetterCause cause) {
    return new DeadLetterRow(
        id,
        projectId,
        Instant.now().toEpochMilli(),
        cause.code(),
        "why",
        "{\"msg\":\"m\"}",
        11,
        false,
        "json",
        null,
        null,
        "0",
        null,
        new DeadLetterRow.Source("devlogs-raw", 0, 0));
  }
}
