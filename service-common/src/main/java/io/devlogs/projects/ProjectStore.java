package io.devlogs.projects;

import io.devlogs.settings.Settings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Projects and API keys in PostgreSQL; keys stored as SHA-256 hashes only. Thread-safe.
 *
 * <p>Every call opens its own short-lived JDBC connection: the store is used rarely (key lookups
 * are cached by {@link KeyAuthenticator}, projects are created by the CLI), so a pool would add a
 * dependency without a measurable gain. The SQL is plain enough for CockroachDB as well. The tables
 * are created by the {@code schema} module, never here.
 *
 * <p>Failures to reach the database surface as {@link IllegalStateException} with the cause.
 */
public final class ProjectStore implements AutoCloseable {

  private static final int CONNECT_TIMEOUT_SECONDS = 5;
  private static final int SOCKET_TIMEOUT_SECONDS = 30;

  private final String jdbcUrl;
  private final Properties connectionProperties;

  private ProjectStore(String jdbcUrl, Properties connectionProperties) {
    this.jdbcUrl = jdbcUrl;
    this.connectionProperties = connectionProperties;
  }

  /** A store for this database. Does not connect until the first call. */
  public static ProjectStore connect(String jdbcUrl, String user, String password) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    // PostgreSQL driver options; bounded so a dead database fails a request instead of hanging it.
    props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    props.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
    props.setProperty("ApplicationName", "devlogs");
    return new ProjectStore(jdbcUrl, props);
  }

  /**
   * A store configured by the {@code postgres.url}, {@code postgres.user}, {@code
   * postgres.password} keys.
   */
  public static ProjectStore connect(Settings settings) {
    return connect(
        settings.get("postgres.url", "jdbc:postgresql://127.0.0.1:15432/devlogs"),
        settings.get("postgres.user", "devlogs"),
        settings.get("postgres.password", "devlogs"));
  }

  /** Creates a project with a generated id ({@code p_} + 16 base62 characters). */
  public Project createProject(String name) {
    requireName(name);
    Project project = new Project(ApiKeys.newProjectId(), name);
    execute(
        "create project '" + name + "'",
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement("INSERT INTO projects (id, name) VALUES (?, ?)")) {
            insert.setString(1, project.id());
            insert.setString(2, project.name());
            insert.executeUpdate();
          }
          return null;
        });
    return project;
  }

  /** The project with this name, if any. */
  public Optional<Project> findProjectByName(String name) {
    requireName(name);
    return execute(
        "find project '" + name + "'",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement("SELECT id, name FROM projects WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
              return rs.next()
                  ? Optional.of(new Project(rs.getString(1), rs.getString(2)))
                  : Optional.<Project>empty();
            }
          }
        });
  }

  /** Issues a new key for the project and returns the raw key; only its hash is stored. */
  public String issueKey(String projectId, Scope scope) {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(scope, "scope");
    String rawKey = ApiKeys.newKey(scope);
    execute(
        "issue " + scope.dbValue() + " key for project " + projectId,
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO api_keys (key_hash, key_prefix, project_id, scope)"
                      + " VALUES (?, ?, ?, ?)")) {
            insert.setString(1, ApiKeys.hash(rawKey));
            insert.setString(2, ApiKeys.prefix(rawKey));
            insert.setString(3, projectId);
            insert.setString(4, scope.dbValue());
            insert.executeUpdate();
          }
          return null;
        });
    return rawKey;
  }

  /** What the key grants; empty for unknown or revoked keys. */
  public Optional<ProjectKey> authenticate(String rawKey) {
    if (rawKey == null || rawKey.isEmpty()) {
      return Optional.empty();
    }
    return execute(
        "authenticate key " + ApiKeys.prefix(rawKey) + "...",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT project_id, scope FROM api_keys"
                      + " WHERE key_hash = ? AND revoked_at IS NULL")) {
            select.setString(1, ApiKeys.hash(rawKey));
            try (ResultSet rs = select.executeQuery()) {
              return rs.next()
                  ? Optional.of(new ProjectKey(rs.getString(1), Scope.fromDbValue(rs.getString(2))))
                  : Optional.<ProjectKey>empty();
            }
          }
        });
  }

  /** Marks the key revoked; returns whether an active key was revoked. */
  public boolean revokeKey(String rawKey) {
    return execute(
        "revoke key " + ApiKeys.prefix(rawKey) + "...",
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE api_keys SET revoked_at = now()"
                      + " WHERE key_hash = ? AND revoked_at IS NULL")) {
            update.setString(1, ApiKeys.hash(rawKey));
            return update.executeUpdate() > 0;
          }
        });
  }

  /** The project's settings; {@link ProjectSettings#DEFAULTS} when it has no settings row. */
  public ProjectSettings settings(String projectId) {
    Objects.requireNonNull(projectId, "projectId");
    return execute(
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
    execute(
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
    return execute(
        "read all project settings",
        connection -> {
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
        });
  }

  private static ProjectSettings settingsOf(ResultSet rs) throws SQLException {
    return new ProjectSettings(
        rs.getBoolean("redact_pii"), RetentionClass.fromDbValue(rs.getString("retention_class")));
  }

  /** Nothing to release: connections are per call. Kept so callers can use try-with-resources. */
  @Override
  public void close() {}

  private interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T execute(String what, SqlWork<T> work) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, connectionProperties)) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not " + what + " in PostgreSQL at " + jdbcUrl + ": " + e.getMessage(), e);
    }
  }

  private static void requireName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("Project name must not be blank");
    }
  }
}
