package io.devlogs.flink.enrich;

import io.devlogs.projects.PostgresOptions;
import io.devlogs.projects.ProjectSettings;
import io.devlogs.projects.ProjectSettingsStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Reads {@code project_settings} from PostgreSQL on one connection kept open between loads (a new
 * connection per load, every few seconds in every subtask, cost the TaskManager 2.5-4.8% of its CPU
 * in SCRAM hashing and set-up). A load that fails closes the connection; the next opens a new one.
 */
public final class PostgresSettingsSource implements SettingsSource {

  private static final long serialVersionUID = 1L;

  private final PostgresOptions postgres;
  private transient Connection connection;

  public PostgresSettingsSource(EnrichOptions options) {
    this.postgres = options.postgres();
  }

  @Override
  public synchronized Map<String, ProjectSettings> loadAll() throws SQLException {
    try {
      if (connection == null) {
        connection = postgres.connect().openConnection();
      }
      return ProjectSettingsStore.allSettings(connection);
    } catch (SQLException | RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // the connection is gone either way
      }
      connection = null;
    }
  }

  /** The connection kept open between loads, if any. */
  synchronized Connection connection() {
    return connection;
  }

  @Override
  public String toString() {
    return "project_settings at " + postgres.url();
  }
}
