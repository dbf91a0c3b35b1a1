package io.devlogs.projects;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The per-project settings in PostgreSQL (PII redaction, retention class), read by the Flink job
 * and changed by the CLI. A project without a settings row has {@link ProjectSettings#DEFAULTS}.
 * Thread-safe.
 */
public final class ProjectSettingsStore {

  private final ProjectsDatabase database;

  public ProjectSettingsStore(ProjectsDatabase database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /** The project's settings; {@link ProjectSettings#DEFAULTS} when it has no settings row. */
  public ProjectSettings settings(String projectId) {
    Objects.requireNonNull(projectId, "projectId");
    return database.execute(
        "read settings of project " + projectId,
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT redact_pii, retention_class FROM project_settings WHERE project_id = ?")) {
            select.setString(1, projectId);
            try (ResultSet rs = select.executeQuery()) {
              return rs.next() ? settingsOf(rs) : ProjectSettings.DEFAULTS;
            }
          }
        });
  }

  /**
   * Changes the given settings of a project (a null argument keeps the current value, or the
   * default for a project without a row) and returns its settings afterwards.
   *
   * @throws IllegalStateException if the project does not exist or the database fails
   */
  public ProjectSettings updateSettings(
      String projectId, Boolean redactPii, RetentionClass retention) {
    Objects.requireNonNull(projectId, "projectId");
    database.execute(
        "update settings of project " + projectId,
        connection -> {
          try (PreparedStatement upsert =
              connection.prepareStatement(
                  "INSERT INTO project_settings (project_id, redact_pii, retention_class)"
                      + " VALUES (?, COALESCE(CAST(? AS BOOLEAN), TRUE),"
                      + " COALESCE(CAST(? AS TEXT), 'standard'))"
                      + " ON CONFLICT (project_id) DO UPDATE SET"
                      + " redact_pii = COALESCE(CAST(? AS BOOLEAN), project_settings.redact_pii),"
                      + " retention_class ="
                      + " COALESCE(CAST(? AS TEXT), project_settings.retention_class),"
                      + " updated_at = now()")) {
            String retentionValue = retention == null ? null : retention.dbValue();
            upsert.setString(1, projectId);
            for (int at : new int[] {2, 4}) {
              if (redactPii == null) {
                upsert.setNull(at, Types.BOOLEAN);
              } else {
                upsert.setBoolean(at, redactPii);
              }
              upsert.setString(at + 1, retentionValue);
            }
            upsert.executeUpdate();
          }
          return null;
        });
    return settings(projectId);
  }

  /** The settings of every project that has a settings row (others use the defaults). */
  public Map<String, ProjectSettings> allSettings() {
    return database.execute("read all project settings", ProjectSettingsStore::allSettings);
  }

  /**
   * {@link #allSettings()} on a connection the caller keeps open (from {@link
   * ProjectsDatabase#openConnection()}): a reader that polls every few seconds saves a connection
   * set-up (with its SCRAM hashing) per poll.
   */
  public static Map<String, ProjectSettings> allSettings(Connection connection)
      throws SQLException {
    Map<String, ProjectSettings> all = new HashMap<>();
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT project_id, redact_pii, retention_class FROM project_settings");
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        all.put(rs.getString("project_id"), settingsOf(rs));
      }
    }
    return all;
  }

  private static ProjectSettings settingsOf(ResultSet rs) throws SQLException {
    return new ProjectSettings(
        rs.getBoolean("redact_pii"), RetentionClass.fromDbValue(rs.getString("retention_class")));
  }
}
