package io.devlogs.flink.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.devlogs.flink.TestOptions;
import io.devlogs.projects.ProjectSettings;
import io.devlogs.projects.ProjectSettingsStore;
import io.devlogs.projects.ProjectStore;
import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.projects.RetentionClass;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job's settings reader against the local stack's PostgreSQL: one kept connection, healed. */
class PostgresSettingsSourceIT {

  private EnrichOptions options;
  private ProjectsDatabase database;
  private ProjectSettingsStore projectSettings;
  private PostgresSettingsSource source;
  private String project;

  @BeforeEach
  void setUp() {
    options = TestOptions.options(new java.util.HashMap<>()).enrich();
    database = options.postgres().connect();
    projectSettings = new ProjectSettingsStore(database);
    project =
        new ProjectStore(database)
            .createProject("settings-source-it-" + TestOptions.randomBase62(12))
            .id();
    source = new PostgresSettingsSource(options);
  }

  @AfterEach
  void tearDown() {
    source.close();
  }

  @Test
  void loadsSeeLaterChangesOnTheSameConnection() throws Exception {
    projectSettings.updateSettings(project, false, RetentionClass.SHORT);
    assertThat(source.loadAll())
        .containsEntry(project, new ProjectSettings(false, RetentionClass.SHORT));
    int backend = backendPid(source.connection());

    projectSettings.updateSettings(project, true, RetentionClass.LONG);

    assertThat(source.loadAll())
        .containsEntry(project, new ProjectSettings(true, RetentionClass.LONG));
    assertThat(backendPid(source.connection())).isEqualTo(backend);
  }

  @Test
  void aLoadOnALostConnectionFailsAndTheNextOneConnectsAgain() throws Exception {
    source.loadAll();
    int lost = backendPid(source.connection());
    terminate(lost);

    assertThatThrownBy(source::loadAll).isInstanceOf(SQLException.class);
    assertThat(source.connection()).isNull();

    projectSettings.updateSettings(project, false, RetentionClass.LONG);
    assertThat(source.loadAll())
        .containsEntry(project, new ProjectSettings(false, RetentionClass.LONG));
    assertThat(backendPid(source.connection())).isNotEqualTo(lost);
  }

  private static int backendPid(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT pg_backend_pid()");
        ResultSet rs = select.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private void terminate(int pid) throws SQLException {
    try (Connection admin = database.openConnection();
        PreparedStatement kill = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
      kill.setInt(1, pid);
      try (ResultSet rs = kill.executeQuery()) {
        rs.next();
        assertThat(rs.getBoolean(1)).as("backend %d terminated", pid).isTrue();
      }
    }
  }
}
