package io.devlogs.projects;

import static io.devlogs.projects.StackDatabase.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Projects against the local PostgreSQL (DEVLOGS_POSTGRES_URL etc.), tables created by the schema
 * module.
 */
class ProjectStoreIT {

  private static final ProjectsDatabase database = StackDatabase.DATABASE;
  private static final ProjectStore projects = new ProjectStore(database);
  private static final ApiKeyStore keys = new ApiKeyStore(database);

  @Test
  void createsAndFindsProjectsByName() {
    String name = uniqueName();
    assertThat(projects.findProjectByName(name)).isEmpty();

    Project created = projects.createProject(name);

    assertThat(created.id()).matches("p_[0-9A-Za-z]{16}");
    assertThat(created.name()).isEqualTo(name);
    assertThat(projects.findProjectByName(name)).contains(created);
  }

  @Test
  void hostileInputIsStoredVerbatimOrRefusedWithItsProblem() {
    String sql = "x'); DROP TABLE projects; -- " + System.nanoTime();
    Project created = projects.createProject(sql);
    assertThat(projects.findProjectByName(sql)).contains(created);

    assertThatThrownBy(() -> projects.createProject(sql))
        .isInstanceOf(ProjectNameTakenException.class)
        .hasMessageContaining("already exists");
    assertThatThrownBy(() -> projects.createProject("n".repeat(100_000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than 100");
    assertThatThrownBy(() -> projects.createProject("operator")).hasMessageContaining("reserved");
    assertThatThrownBy(() -> keys.issueKey("p_nope" + System.nanoTime(), Scope.INGEST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No project with id 'p_nope");
    assertThatThrownBy(
            () -> keys.issueKey(created.id(), Set.of(Scope.INGEST), Instant.now().minusSeconds(1)))
        .hasMessageContaining("not in the future");
    assertThat(keys.authenticate("' OR ''='")).isEmpty();
  }

  @Test
  void aProjectAndItsFirstAdminKeyAreCreatedTogether() {
    String name = uniqueName();
    ProjectStore.ProjectWithKey created = projects.createProjectWithAdminKey(name);

    assertThat(projects.findProjectByName(name)).contains(created.project());
    assertThat(keys.authenticate(created.key().rawKey()))
        .contains(new ProjectKey(created.project().id(), Set.of(Scope.ADMIN), null));
    assertThatThrownBy(() -> projects.createProjectWithAdminKey(name))
        .isInstanceOf(ProjectNameTakenException.class);
    assertThat(keys.listKeys(created.project().id())).hasSize(1);
  }

  @Test
  void operatorKeysAreAdminKeysOfTheOperatorProject() {
    Project operator = projects.operatorProject();
    assertThat(projects.operatorProject()).isEqualTo(operator);
    IssuedKey key = keys.issueKey(operator.id(), Set.of(Scope.ADMIN), null);
    assertThat(ProjectStore.isOperator(keys.authenticate(key.rawKey()).orElseThrow())).isTrue();

    Project p = projects.createProject(uniqueName());
    IssuedKey projectAdmin = keys.issueKey(p.id(), Set.of(Scope.ADMIN), null);
    assertThat(ProjectStore.isOperator(keys.authenticate(projectAdmin.rawKey()).orElseThrow()))
        .isFalse();
    keys.revokeKey(operator.id(), key.info().id());
  }
}
