package io.devlogs.projects;

import static io.devlogs.projects.StackDatabase.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.testing.Poll;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * API keys against the local PostgreSQL (DEVLOGS_POSTGRES_URL etc.), tables created by the schema
 * module.
 */
class ApiKeyStoreIT {

  private static final ProjectsDatabase database = StackDatabase.DATABASE;
  private static final ProjectStore projects = new ProjectStore(database);
  private static final ApiKeyStore keys = new ApiKeyStore(database);

  @Test
  void issuedKeysAuthenticateToTheirProjectAndScope() {
    Project a = projects.createProject(uniqueName());
    Project b = projects.createProject(uniqueName());

    String ingestA = keys.issueKey(a.id(), Scope.INGEST);
    String queryB = keys.issueKey(b.id(), Scope.QUERY);

    assertThat(ingestA).startsWith("dl_ingest_");
    assertThat(keys.authenticate(ingestA)).contains(new ProjectKey(a.id(), Scope.INGEST));
    assertThat(keys.authenticate(queryB)).contains(new ProjectKey(b.id(), Scope.QUERY));
    assertThat(keys.authenticate(ingestA + "x")).isEmpty();
    assertThat(keys.authenticate("dl_ingest_unknownunknownunknownunknown12")).isEmpty();
  }

  @Test
  void revokedKeysNoLongerAuthenticate() {
    Project p = projects.createProject(uniqueName());
    String key = keys.issueKey(p.id(), Scope.INGEST);

    assertThat(keys.revokeKey(key)).isTrue();

    assertThat(keys.authenticate(key)).isEmpty();
    assertThat(keys.revokeKey(key)).isFalse();
  }

  @Test
  void keysWithSeveralScopesAndAnExpiryStopWorkingWhenTheyExpire() throws Exception {
    Project p = projects.createProject(uniqueName());
    Instant expiresAt = Instant.now().plusSeconds(2);

    IssuedKey issued = keys.issueKey(p.id(), Set.of(Scope.INGEST, Scope.QUERY), expiresAt);

    assertThat(issued.rawKey()).startsWith("dl_ingest-query_");
    assertThat(issued.info().prefix()).isEqualTo(issued.rawKey().substring(0, 12));
    assertThat(issued.info().expiresAt()).isEqualTo(expiresAt.truncatedTo(ChronoUnit.MILLIS));
    ProjectKey key = keys.authenticate(issued.rawKey()).orElseThrow();
    assertThat(key.projectId()).isEqualTo(p.id());
    assertThat(key.scopes()).containsExactlyInAnyOrder(Scope.INGEST, Scope.QUERY);
    assertThat(key.has(Scope.ADMIN)).isFalse();

    Poll.until(
        Duration.ofSeconds(15),
        () -> keys.authenticate(issued.rawKey()).isEmpty(),
        "the expired key refused");
    assertThat(keys.listKeys(p.id()))
        .singleElement()
        .satisfies(info -> assertThat(info.status(Instant.now())).isEqualTo("expired"));
  }

  @Test
  void keysAreListedWithoutSecretsAndRevokedByIdOnlyInTheirProject() {
    Project p = projects.createProject(uniqueName());
    Project other = projects.createProject(uniqueName());
    IssuedKey ingest = keys.issueKey(p.id(), Set.of(Scope.INGEST), null);
    IssuedKey admin = keys.issueKey(p.id(), Set.of(Scope.ADMIN), null);

    List<ApiKeyInfo> listed = keys.listKeys(p.id());
    assertThat(listed)
        .extracting(ApiKeyInfo::id)
        .containsExactly(ingest.info().id(), admin.info().id());
    assertThat(listed.toString())
        .doesNotContain(ingest.rawKey())
        .doesNotContain(ApiKeys.hash(ingest.rawKey()));
    assertThat(listed.get(1).scopes()).containsExactly(Scope.ADMIN);
    assertThat(keys.listKeys(other.id())).isEmpty();

    // Another project's key id, a malformed id and SQL are all just "no such key".
    assertThat(keys.revokeKey(other.id(), ingest.info().id())).isEmpty();
    assertThat(keys.revokeKey(p.id(), "not-a-uuid")).isEmpty();
    assertThat(keys.revokeKey(p.id(), "' OR '1'='1")).isEmpty();
    assertThat(keys.authenticate(ingest.rawKey())).isPresent();

    ApiKeyInfo revoked = keys.revokeKey(p.id(), ingest.info().id()).orElseThrow();
    assertThat(revoked.revokedAt()).isNotNull();
    assertThat(keys.authenticate(ingest.rawKey())).isEmpty();
    assertThat(keys.revokeKey(p.id(), ingest.info().id()).orElseThrow().revokedAt())
        .as("revoking again keeps the first time")
        .isEqualTo(revoked.revokedAt());
    assertThat(keys.authenticate(admin.rawKey())).isPresent();
  }

  @Test
  void keysWrittenByServicesBeforeScopesExistedStillWork() throws Exception {
    Project p = projects.createProject(uniqueName());
    String rawKey = ApiKeys.newKey(Scope.QUERY);
    try (Connection c = database.openConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO api_keys (key_hash, key_prefix, project_id, scope)"
                    + " VALUES (?, ?, ?, 'query')")) {
      insert.setString(1, ApiKeys.hash(rawKey));
      insert.setString(2, ApiKeys.prefix(rawKey));
      insert.setString(3, p.id());
      insert.executeUpdate();
    }

    assertThat(keys.authenticate(rawKey)).contains(new ProjectKey(p.id(), Scope.QUERY));
    assertThat(keys.listKeys(p.id()))
        .singleElement()
        .satisfies(k -> assertThat(k.scopes()).containsExactly(Scope.QUERY));
  }
}
