package io.devlogs.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.settings.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against the local PostgreSQL (DEVLOGS_POSTGRES_URL etc.), tables created by the schema module.
 */
class ProjectStoreIT {

  private static ProjectStore store;

  @BeforeAll
  static void connect() {
    store = ProjectStore.connect(Settings.fromEnvironment(new String[0]));
  }

  @AfterAll
  static void close() {
    store.close();
  }

  private static String uniqueName() {
    return "it-" + System.nanoTime();
  }

  @Test
  void createsAndFindsProjectsByName() {
    String name = uniqueName();
    assertThat(store.findProjectByName(name)).isEmpty();

    Project created = store.createProject(name);

    assertThat(created.id()).matches("p_[0-9A-Za-z]{16}");
    assertThat(created.name()).isEqualTo(name);
    assertThat(store.findProjectByName(name)).contains(created);
  }

  @Test
  void issuedKeysAuthenticateToTheirProjectAndScope() {
    Project a = store.createProject(uniqueName());
    Project b = store.createProject(uniqueName());

    String ingestA = store.issueKey(a.id(), Scope.INGEST);
    String queryB = store.issueKey(b.id(), Scope.QUERY);

    assertThat(ingestA).startsWith("dl_ingest_");
    assertThat(store.authenticate(ingestA)).contains(new ProjectKey(a.id(), Scope.INGEST));
    assertThat(store.authenticate(queryB)).contains(new ProjectKey(b.id(), Scope.QUERY));
    assertThat(store.authenticate(ingestA + "x")).isEmpty();
    assertThat(store.authenticate("dl_ingest_unknownunknownunknownunknown12")).isEmpty();
  }

  @Test
  void revokedKeysNoLongerAuthenticate() {
    Project p = store.createProject(uniqueName());
    String key = store.issueKey(p.id(), Scope.INGEST);

    assertThat(store.revokeKey(key)).isTrue();

    assertThat(store.authenticate(key)).isEmpty();
    assertThat(store.revokeKey(key)).isFalse();
  }

  @Test
  void authenticatorCachesStoreLookups() {
    Project p = store.createProject(uniqueName());
    String key = store.issueKey(p.id(), Scope.QUERY);
    KeyAuthenticator auth = new KeyAuthenticator(store, Duration.ofMinutes(1));

    assertThat(auth.authenticate(key)).contains(new ProjectKey(p.id(), Scope.QUERY));
    store.revokeKey(key);
    // Still cached within the TTL; the store itself already refuses it.
    assertThat(auth.authenticate(key)).contains(new ProjectKey(p.id(), Scope.QUERY));
    assertThat(store.authenticate(key)).isEmpty();
  }

  @Test
  void cliCreateProjectIsIdempotentOnNameButIssuesFreshKeys() {
    String name = uniqueName();

    Map<String, String> first = runCli(List.of("create-project", name));
    Map<String, String> second = runCli(List.of("create-project", name));

    assertThat(first)
        .containsOnlyKeys("DEVLOGS_PROJECT_ID", "DEVLOGS_INGEST_KEY", "DEVLOGS_QUERY_KEY");
    assertThat(second.get("DEVLOGS_PROJECT_ID")).isEqualTo(first.get("DEVLOGS_PROJECT_ID"));
    assertThat(second.get("DEVLOGS_INGEST_KEY")).isNotEqualTo(first.get("DEVLOGS_INGEST_KEY"));
    String projectId = first.get("DEVLOGS_PROJECT_ID");
    assertThat(store.authenticate(first.get("DEVLOGS_INGEST_KEY")))
        .contains(new ProjectKey(projectId, Scope.INGEST));
    assertThat(store.authenticate(second.get("DEVLOGS_QUERY_KEY")))
        .contains(new ProjectKey(projectId, Scope.QUERY));

    Map<String, String> issued = runCli(List.of("issue-key", projectId, "query"));
    assertThat(store.authenticate(issued.get("DEVLOGS_QUERY_KEY")))
        .contains(new ProjectKey(projectId, Scope.QUERY));
  }

  @Test
  void settingsDefaultUntilChangedAndPartialUpdatesKeepTheRest() {
    Project p = store.createProject(uniqueName());
    assertThat(store.settings(p.id())).isEqualTo(ProjectSettings.DEFAULTS);
    assertThat(store.allSettings()).doesNotContainKey(p.id());

    assertThat(store.updateSettings(p.id(), null, RetentionClass.LONG))
        .isEqualTo(new ProjectSettings(true, RetentionClass.LONG));
    assertThat(store.updateSettings(p.id(), false, null))
        .isEqualTo(new ProjectSettings(false, RetentionClass.LONG));
    assertThat(store.allSettings())
        .containsEntry(p.id(), new ProjectSettings(false, RetentionClass.LONG));
  }

  @Test
  void settingsOfAnUnknownProjectCannotBeWritten() {
    assertThatThrownBy(() -> store.updateSettings("p_doesnotexist" + System.nanoTime(), true, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("update settings of project p_doesnotexist");
  }

  @Test
  void cliShowsAndChangesSettings() {
    String projectId = runCli(List.of("create-project", uniqueName())).get("DEVLOGS_PROJECT_ID");

    assertThat(runCli(List.of("settings", projectId)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("redact-pii", "on", "retention", "standard", "retention-days", "30"));
    assertThat(runCli(List.of("settings", projectId, "--redact-pii", "off", "--retention=short")))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("redact-pii", "off", "retention", "short", "retention-days", "7"));
    assertThat(store.settings(projectId))
        .isEqualTo(new ProjectSettings(false, RetentionClass.SHORT));
  }

  private static Map<String, String> runCli(List<String> command) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        ProjectsCli.run(
            store,
            command,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).as("exit status, stderr: %s", err).isZero();
    return out.toString(StandardCharsets.UTF_8)
        .lines()
        .map(line -> line.split("=", 2))
        .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
  }
}
