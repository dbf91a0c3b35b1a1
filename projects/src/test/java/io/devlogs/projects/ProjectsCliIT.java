package io.devlogs.projects;

import static io.devlogs.projects.StackDatabase.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The command line against the local PostgreSQL (DEVLOGS_POSTGRES_URL etc.), tables created by the
 * schema module.
 */
class ProjectsCliIT {

  private static final ProjectsDatabase database = StackDatabase.DATABASE;
  private static final ApiKeyStore keys = new ApiKeyStore(database);
  private static final ProjectSettingsStore settings = new ProjectSettingsStore(database);

  @Test
  void cliCreateProjectIsIdempotentOnNameButIssuesFreshKeys() {
    String name = uniqueName();

    Map<String, String> first = runCli(List.of("create-project", name));
    Map<String, String> second = runCli(List.of("create-project", name));

    assertThat(first)
        .containsOnlyKeys(
            "DEVLOGS_PROJECT_ID", "DEVLOGS_INGEST_KEY", "DEVLOGS_QUERY_KEY", "DEVLOGS_ADMIN_KEY");
    assertThat(keys.authenticate(first.get("DEVLOGS_ADMIN_KEY")).orElseThrow().scopes())
        .containsExactly(Scope.ADMIN);
    assertThat(second.get("DEVLOGS_PROJECT_ID")).isEqualTo(first.get("DEVLOGS_PROJECT_ID"));
    assertThat(second.get("DEVLOGS_INGEST_KEY")).isNotEqualTo(first.get("DEVLOGS_INGEST_KEY"));
    String projectId = first.get("DEVLOGS_PROJECT_ID");
    assertThat(keys.authenticate(first.get("DEVLOGS_INGEST_KEY")))
        .contains(new ProjectKey(projectId, Scope.INGEST));
    assertThat(keys.authenticate(second.get("DEVLOGS_QUERY_KEY")))
        .contains(new ProjectKey(projectId, Scope.QUERY));

    Map<String, String> issued = runCli(List.of("issue-key", projectId, "query"));
    assertThat(keys.authenticate(issued.get("DEVLOGS_QUERY_KEY")))
        .contains(new ProjectKey(projectId, Scope.QUERY));
  }

  @Test
  void cliIssuesListsAndRevokesKeys() {
    String projectId = runCli(List.of("create-project", uniqueName())).get("DEVLOGS_PROJECT_ID");

    Map<String, String> issued =
        runCli(List.of("issue-key", projectId, "ingest,query", "--expires-in", "30d"));
    ProjectKey key = keys.authenticate(issued.get("DEVLOGS_KEY")).orElseThrow();
    assertThat(key.scopes()).containsExactlyInAnyOrder(Scope.INGEST, Scope.QUERY);
    assertThat(key.expiresAt())
        .isBetween(
            Instant.now().plus(Duration.ofDays(29)), Instant.now().plus(Duration.ofDays(31)));

    String keyId = issued.get("DEVLOGS_KEY_ID");
    List<String> listed = runCliLines(List.of("list-keys", projectId));
    assertThat(listed).hasSize(1 + 4);
    assertThat(listed)
        .filteredOn(line -> line.startsWith(keyId))
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .contains(" ingest,query ")
                    .endsWith(" - active")
                    .contains(issued.get("DEVLOGS_KEY").substring(0, 12))
                    .doesNotContain(issued.get("DEVLOGS_KEY")));

    assertThat(runCliLines(List.of("revoke-key", projectId, keyId)))
        .singleElement()
        .satisfies(line -> assertThat(line).startsWith("revoked " + keyId + " at "));
    assertThat(keys.authenticate(issued.get("DEVLOGS_KEY"))).isEmpty();
    assertThat(runCliLines(List.of("list-keys", projectId)))
        .filteredOn(line -> line.startsWith(keyId))
        .singleElement()
        .satisfies(line -> assertThat(line).endsWith(" revoked"));

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        ProjectsCli.run(
            database,
            List.of("revoke-key", "p_other", keyId),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("has no key " + keyId);
  }

  @Test
  void cliRefusesAKeyBeyondTheProjectsCapOfLiveKeysNamingTheCap() {
    String projectId = runCli(List.of("create-project", uniqueName())).get("DEVLOGS_PROJECT_ID");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        ProjectsCli.run(
            database,
            3,
            List.of("issue-key", projectId, "query"),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("already has 3 live keys", "auth.max-live-keys-per-project");
    assertThat(keys.listKeys(projectId)).hasSize(3);
  }

  @Test
  void cliOperatorKeyIsAnAdminKeyOfTheOperatorProject() {
    Map<String, String> out = runCli(List.of("operator-key", "--expires-in=1h"));
    ProjectKey key = keys.authenticate(out.get("DEVLOGS_OPERATOR_KEY")).orElseThrow();
    assertThat(ProjectStore.isOperator(key)).isTrue();
    assertThat(key.expiresAt()).isNotNull();
    keys.revokeKey(ProjectStore.OPERATOR_PROJECT_ID, out.get("DEVLOGS_KEY_ID"));
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
    assertThat(settings.settings(projectId))
        .isEqualTo(new ProjectSettings(false, RetentionClass.SHORT));
  }

  private static List<String> runCliLines(List<String> command) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        ProjectsCli.run(
            database,
            command,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).as("exit status, stderr: %s", err).isZero();
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static Map<String, String> runCli(List<String> command) {
    return runCliLines(command).stream()
        .map(line -> line.split("=", 2))
        .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
  }
}
