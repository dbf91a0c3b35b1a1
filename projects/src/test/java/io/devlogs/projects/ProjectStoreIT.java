package io.devlogs.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.settings.Settings;
import io.devlogs.testing.Poll;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  void keysWithSeveralScopesAndAnExpiryStopWorkingWhenTheyExpire() throws Exception {
    Project p = store.createProject(uniqueName());
    Instant expiresAt = Instant.now().plusSeconds(2);

    IssuedKey issued = store.issueKey(p.id(), Set.of(Scope.INGEST, Scope.QUERY), expiresAt);

    assertThat(issued.rawKey()).startsWith("dl_ingest-query_");
    assertThat(issued.info().prefix()).isEqualTo(issued.rawKey().substring(0, 12));
    assertThat(issued.info().expiresAt()).isEqualTo(expiresAt.truncatedTo(ChronoUnit.MILLIS));
    ProjectKey key = store.authenticate(issued.rawKey()).orElseThrow();
    assertThat(key.projectId()).isEqualTo(p.id());
    assertThat(key.scopes()).containsExactlyInAnyOrder(Scope.INGEST, Scope.QUERY);
    assertThat(key.has(Scope.ADMIN)).isFalse();

    Poll.until(
        Duration.ofSeconds(15),
        () -> store.authenticate(issued.rawKey()).isEmpty(),
        "the expired key refused");
    assertThat(store.listKeys(p.id()))
        .singleElement()
        .satisfies(info -> assertThat(info.status(Instant.now())).isEqualTo("expired"));
  }

  @Test
  void keysAreListedWithoutSecretsAndRevokedByIdOnlyInTheirProject() {
    Project p = store.createProject(uniqueName());
    Project other = store.createProject(uniqueName());
    IssuedKey ingest = store.issueKey(p.id(), Set.of(Scope.INGEST), null);
    IssuedKey admin = store.issueKey(p.id(), Set.of(Scope.ADMIN), null);

    List<ApiKeyInfo> keys = store.listKeys(p.id());
    assertThat(keys)
        .extracting(ApiKeyInfo::id)
        .containsExactly(ingest.info().id(), admin.info().id());
    assertThat(keys.toString())
        .doesNotContain(ingest.rawKey())
        .doesNotContain(ApiKeys.hash(ingest.rawKey()));
    assertThat(keys.get(1).scopes()).containsExactly(Scope.ADMIN);
    assertThat(store.listKeys(other.id())).isEmpty();

    // Another project's key id, a malformed id and SQL are all just "no such key".
    assertThat(store.revokeKey(other.id(), ingest.info().id())).isEmpty();
    assertThat(store.revokeKey(p.id(), "not-a-uuid")).isEmpty();
    assertThat(store.revokeKey(p.id(), "' OR '1'='1")).isEmpty();
    assertThat(store.authenticate(ingest.rawKey())).isPresent();

    ApiKeyInfo revoked = store.revokeKey(p.id(), ingest.info().id()).orElseThrow();
    assertThat(revoked.revokedAt()).isNotNull();
    assertThat(store.authenticate(ingest.rawKey())).isEmpty();
    assertThat(store.revokeKey(p.id(), ingest.info().id()).orElseThrow().revokedAt())
        .as("revoking again keeps the first time")
        .isEqualTo(revoked.revokedAt());
    assertThat(store.authenticate(admin.rawKey())).isPresent();
  }

  @Test
  void keysWrittenByServicesBeforeScopesExistedStillWork() throws Exception {
    Project p = store.createProject(uniqueName());
    String rawKey = ApiKeys.newKey(Scope.QUERY);
    try (Connection c = connection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO api_keys (key_hash, key_prefix, project_id, scope)"
                    + " VALUES (?, ?, ?, 'query')")) {
      insert.setString(1, ApiKeys.hash(rawKey));
      insert.setString(2, ApiKeys.prefix(rawKey));
      insert.setString(3, p.id());
      insert.executeUpdate();
    }

    assertThat(store.authenticate(rawKey)).contains(new ProjectKey(p.id(), Scope.QUERY));
    assertThat(store.listKeys(p.id()))
        .singleElement()
        .satisfies(k -> assertThat(k.scopes()).containsExactly(Scope.QUERY));
  }

  @Test
  void hostileInputIsStoredVerbatimOrRefusedWithItsProblem() {
    String sql = "x'); DROP TABLE projects; -- " + System.nanoTime();
    Project created = store.createProject(sql);
    assertThat(store.findProjectByName(sql)).contains(created);

    assertThatThrownBy(() -> store.createProject(sql))
        .isInstanceOf(ProjectNameTakenException.class)
        .hasMessageContaining("already exists");
    assertThatThrownBy(() -> store.createProject("n".repeat(100_000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than 100");
    assertThatThrownBy(() -> store.createProject("operator")).hasMessageContaining("reserved");
    assertThatThrownBy(() -> store.issueKey("p_nope" + System.nanoTime(), Scope.INGEST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No project with id 'p_nope");
    assertThatThrownBy(
            () -> store.issueKey(created.id(), Set.of(Scope.INGEST), Instant.now().minusSeconds(1)))
        .hasMessageContaining("not in the future");
    assertThat(store.authenticate("' OR ''='")).isEmpty();
  }

  @Test
  void aProjectAndItsFirstAdminKeyAreCreatedTogether() {
    String name = uniqueName();
    ProjectStore.ProjectWithKey created = store.createProjectWithAdminKey(name);

    assertThat(store.findProjectByName(name)).contains(created.project());
    assertThat(store.authenticate(created.key().rawKey()))
        .contains(new ProjectKey(created.project().id(), Set.of(Scope.ADMIN), null));
    assertThatThrownBy(() -> store.createProjectWithAdminKey(name))
        .isInstanceOf(ProjectNameTakenException.class);
    assertThat(store.listKeys(created.project().id())).hasSize(1);
  }

  @Test
  void operatorKeysAreAdminKeysOfTheOperatorProject() {
    Project operator = store.operatorProject();
    assertThat(store.operatorProject()).isEqualTo(operator);
    IssuedKey key = store.issueKey(operator.id(), Set.of(Scope.ADMIN), null);
    assertThat(ProjectStore.isOperator(store.authenticate(key.rawKey()).orElseThrow())).isTrue();

    Project p = store.createProject(uniqueName());
    IssuedKey projectAdmin = store.issueKey(p.id(), Set.of(Scope.ADMIN), null);
    assertThat(ProjectStore.isOperator(store.authenticate(projectAdmin.rawKey()).orElseThrow()))
        .isFalse();
    store.revokeKey(operator.id(), key.info().id());
  }

  @Test
  void cliCreateProjectIsIdempotentOnNameButIssuesFreshKeys() {
    String name = uniqueName();

    Map<String, String> first = runCli(List.of("create-project", name));
    Map<String, String> second = runCli(List.of("create-project", name));

    assertThat(first)
        .containsOnlyKeys(
            "DEVLOGS_PROJECT_ID", "DEVLOGS_INGEST_KEY", "DEVLOGS_QUERY_KEY", "DEVLOGS_ADMIN_KEY");
    assertThat(store.authenticate(first.get("DEVLOGS_ADMIN_KEY")).orElseThrow().scopes())
        .containsExactly(Scope.ADMIN);
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
  void cliIssuesListsAndRevokesKeys() {
    String projectId = runCli(List.of("create-project", uniqueName())).get("DEVLOGS_PROJECT_ID");

    Map<String, String> issued =
        runCli(List.of("issue-key", projectId, "ingest,query", "--expires-in", "30d"));
    ProjectKey key = store.authenticate(issued.get("DEVLOGS_KEY")).orElseThrow();
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
    assertThat(store.authenticate(issued.get("DEVLOGS_KEY"))).isEmpty();
    assertThat(runCliLines(List.of("list-keys", projectId)))
        .filteredOn(line -> line.startsWith(keyId))
        .singleElement()
        .satisfies(line -> assertThat(line).endsWith(" revoked"));

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        ProjectsCli.run(
            store,
            List.of("revoke-key", "p_other", keyId),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("has no key " + keyId);
  }

  @Test
  void cliOperatorKeyIsAnAdminKeyOfTheOperatorProject() {
    Map<String, String> out = runCli(List.of("operator-key", "--expires-in=1h"));
    ProjectKey key = store.authenticate(out.get("DEVLOGS_OPERATOR_KEY")).orElseThrow();
    assertThat(ProjectStore.isOperator(key)).isTrue();
    assertThat(key.expiresAt()).isNotNull();
    store.revokeKey(ProjectStore.OPERATOR_PROJECT_ID, out.get("DEVLOGS_KEY_ID"));
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

  private static List<String> runCliLines(List<String> command) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        ProjectsCli.run(
            store,
            command,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).as("exit status, stderr: %s", err).isZero();
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static Connection connection() throws Exception {
    Settings settings = Settings.fromEnvironment(new String[0]);
    return DriverManager.getConnection(
        settings.get("postgres.url", "jdbc:postgresql://127.0.0.1:15432/devlogs"),
        settings.get("postgres.user", "devlogs"),
        settings.get("postgres.password", "devlogs"));
  }

  private static Map<String, String> runCli(List<String> command) {
    return runCliLines(command).stream()
        .map(line -> line.split("=", 2))
        .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
  }
}
