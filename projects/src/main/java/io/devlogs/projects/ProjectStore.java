package io.devlogs.projects;

import io.devlogs.settings.Settings;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

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

  /** Id and name of the built-in project whose admin keys may create projects. */
  public static final String OPERATOR_PROJECT_ID = "operator";

  /** Longest project name accepted. */
  public static final int MAX_NAME_LENGTH = ProjectNames.MAX_LENGTH;

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String FOREIGN_KEY_VIOLATION = "23503";
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

  /**
   * Creates a project with a generated id ({@code p_} + 16 base62 characters).
   *
   * @throws IllegalArgumentException if the name is blank, longer than {@value #MAX_NAME_LENGTH}
   *     characters, holds control characters or is reserved
   * @throws ProjectNameTakenException if a project has this name already
   */
  public Project createProject(String name) {
    String checked = ProjectNames.check(name);
    Project project = new Project(ApiKeys.newProjectId(), checked);
    execute(
        "create project '" + checked + "'",
        connection -> {
          insertProject(connection, project);
          return null;
        });
    return project;
  }

  /**
   * Creates a project and its first admin key in one transaction, so a failure leaves neither.
   *
   * @throws IllegalArgumentException as {@link #createProject}
   * @throws ProjectNameTakenException if a project has this name already
   */
  public ProjectWithKey createProjectWithAdminKey(String name) {
    String checked = ProjectNames.check(name);
    Project project = new Project(ApiKeys.newProjectId(), checked);
    String rawKey = ApiKeys.newKey(Scope.ADMIN);
    ApiKeyInfo info =
        execute(
            "create project '" + checked + "' with an admin key",
            connection -> {
              connection.setAutoCommit(false);
              try {
                insertProject(connection, project);
                ApiKeyInfo key =
                    insertKey(connection, project.id(), Set.of(Scope.ADMIN), null, rawKey);
                connection.commit();
                return key;
              } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
              }
            });
    return new ProjectWithKey(project, new IssuedKey(rawKey, info));
  }

  /** A project just created with its first key. */
  public record ProjectWithKey(Project project, IssuedKey key) {}

  private static void insertProject(Connection connection, Project project) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO projects (id, name) VALUES (?, ?)")) {
      insert.setString(1, project.id());
      insert.setString(2, project.name());
      insert.executeUpdate();
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new ProjectNameTakenException(project.name(), e);
      }
      throw e;
    }
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

  /**
   * The built-in operator project ({@value #OPERATOR_PROJECT_ID}), created if missing. Its admin
   * keys are the operator credential: they may create projects.
   */
  public Project operatorProject() {
    execute(
        "create the operator project",
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO projects (id, name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING")) {
            insert.setString(1, OPERATOR_PROJECT_ID);
            insert.setString(2, OPERATOR_PROJECT_ID);
            insert.executeUpdate();
          }
          return null;
        });
    return new Project(OPERATOR_PROJECT_ID, OPERATOR_PROJECT_ID);
  }

  /** Whether this key is an operator credential: an admin key of the operator project. */
  public static boolean isOperator(ProjectKey key) {
    return key.projectId().equals(OPERATOR_PROJECT_ID) && key.has(Scope.ADMIN);
  }

  /** Issues a new key with one scope that never expires; returns the raw key. */
  public String issueKey(String projectId, Scope scope) {
    return issueKey(projectId, Set.of(Objects.requireNonNull(scope, "scope")), null).rawKey();
  }

  /**
   * Issues a new key for the project; only its hash is stored, so the raw key in the result is the
   * only copy.
   *
   * @param expiresAt when the key stops working, or null for never; must be in the future
   * @throws IllegalArgumentException for no scopes, a past expiry or an unknown project
   */
  public IssuedKey issueKey(String projectId, Set<Scope> scopes, Instant expiresAt) {
    Objects.requireNonNull(projectId, "projectId");
    if (scopes == null || scopes.isEmpty()) {
      throw new IllegalArgumentException(
          "A key needs at least one scope among 'ingest', 'query' and 'admin'");
    }
    if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
      throw new IllegalArgumentException("Expiry " + expiresAt + " is not in the future");
    }
    String rawKey = ApiKeys.newKey(scopes);
    ApiKeyInfo info =
        execute(
            "issue a key for project " + projectId,
            connection -> insertKey(connection, projectId, scopes, expiresAt, rawKey));
    return new IssuedKey(rawKey, info);
  }

  private static ApiKeyInfo insertKey(
      Connection connection, String projectId, Set<Scope> scopes, Instant expiresAt, String rawKey)
      throws SQLException {
    List<String> scopeNames = new TreeSet<>(scopes).stream().map(Scope::dbValue).toList();
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO api_keys (key_hash, key_prefix, project_id, scope, scopes, expires_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) RETURNING "
                + KEY_COLUMNS)) {
      insert.setString(1, ApiKeys.hash(rawKey));
      insert.setString(2, ApiKeys.prefix(rawKey));
      insert.setString(3, projectId);
      insert.setString(4, legacyScope(scopes));
      insert.setArray(5, connection.createArrayOf("text", scopeNames.toArray()));
      // Whole milliseconds: PostgreSQL would round nanoseconds to microseconds.
      insert.setObject(
          6, timestamp(expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MILLIS)));
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        return keyInfo(rs);
      }
    } catch (SQLException e) {
      if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
        throw new IllegalArgumentException("No project with id '" + projectId + "'", e);
      }
      throw e;
    }
  }

  /** What the key grants; empty for unknown, revoked or expired keys. */
  public Optional<ProjectKey> authenticate(String rawKey) {
    if (rawKey == null || rawKey.isEmpty()) {
      return Optional.empty();
    }
    return execute(
        "authenticate key " + ApiKeys.prefix(rawKey) + "...",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT project_id, "
                      + SCOPES
                      + ", expires_at FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL"
                      + " AND (expires_at IS NULL OR expires_at > now())")) {
            select.setString(1, ApiKeys.hash(rawKey));
            try (ResultSet rs = select.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new ProjectKey(rs.getString(1), scopes(rs, 2), instant(rs, "expires_at")))
                  : Optional.<ProjectKey>empty();
            }
          }
        });
  }

  /** Every key of the project, revoked and expired ones included, oldest first. */
  public List<ApiKeyInfo> listKeys(String projectId) {
    Objects.requireNonNull(projectId, "projectId");
    return execute(
        "list the keys of project " + projectId,
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT "
                      + KEY_COLUMNS
                      + " FROM api_keys WHERE project_id = ? ORDER BY created_at, id")) {
            select.setString(1, projectId);
            List<ApiKeyInfo> keys = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                keys.add(keyInfo(rs));
              }
            }
            return keys;
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

  /**
   * Revokes the key with this id if it belongs to this project. Revoking again keeps the first
   * revocation time. Empty if the project has no such key (also for ids that are no UUID), so a
   * caller cannot tell another project's key from a missing one.
   */
  public Optional<ApiKeyInfo> revokeKey(String projectId, String keyId) {
    Objects.requireNonNull(projectId, "projectId");
    Optional<UUID> id = parseKeyId(keyId);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    return execute(
        "revoke key " + id.get() + " of project " + projectId,
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now())"
                      + " WHERE id = ? AND project_id = ? RETURNING "
                      + KEY_COLUMNS)) {
            update.setObject(1, id.get());
            update.setString(2, projectId);
            try (ResultSet rs = update.executeQuery()) {
              return rs.next() ? Optional.of(keyInfo(rs)) : Optional.<ApiKeyInfo>empty();
            }
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
    return execute("read all project settings", ProjectStore::allSettings);
  }

  /**
   * {@link #allSettings()} on a connection the caller keeps open: a reader that polls every few
   * seconds saves a connection set-up (with its SCRAM hashing) per poll.
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

  /** A new connection with the store's timeouts, for the caller to keep and close. */
  public Connection openConnection() throws SQLException {
    registerDriver();
    return DriverManager.getConnection(jdbcUrl, connectionProperties);
  }

  /**
   * Loads this class loader's PostgreSQL driver, which registers it with {@link DriverManager}.
   * DriverManager offers a caller only drivers whose class the caller's class loader sees: in a
   * Flink session cluster each job has its own class loader, and the first connection of a second
   * job failed with "No suitable driver" (its settings stayed at the defaults for one reload).
   */
  private static void registerDriver() throws SQLException {
    try {
      Class.forName("org.postgresql.Driver");
    } catch (ClassNotFoundException e) {
      throw new SQLException("the PostgreSQL JDBC driver is not on the class path", e);
    }
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
    try (Connection connection = openConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not " + what + " in PostgreSQL at " + jdbcUrl + ": " + e.getMessage(), e);
    }
  }

  /** Scopes of a key, also for rows written before the {@code scopes} column existed. */
  private static final String SCOPES = "COALESCE(scopes, ARRAY[scope])";

  private static final String KEY_COLUMNS =
      "id, project_id, key_prefix, "
          + SCOPES
          + " AS all_scopes, created_at, expires_at, revoked_at";

  private static ApiKeyInfo keyInfo(ResultSet rs) throws SQLException {
    return new ApiKeyInfo(
        rs.getString("id"),
        rs.getString("project_id"),
        rs.getString("key_prefix"),
        scopes(rs, rs.findColumn("all_scopes")),
        instant(rs, "created_at"),
        instant(rs, "expires_at"),
        instant(rs, "revoked_at"));
  }

  private static Set<Scope> scopes(ResultSet rs, int column) throws SQLException {
    Array array = rs.getArray(column);
    try {
      return Scope.fromDbValues(Arrays.asList((String[]) array.getArray()));
    } finally {
      array.free();
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /**
   * The old single-value column, still read by services built before keys had several scopes:
   * filled for a key with exactly one of its old values, null otherwise.
   */
  private static String legacyScope(Set<Scope> scopes) {
    return scopes.size() == 1 && !scopes.contains(Scope.ADMIN)
        ? scopes.iterator().next().dbValue()
        : null;
  }

  private static Optional<UUID> parseKeyId(String keyId) {
    if (keyId == null || keyId.length() != 36) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(keyId));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static void requireName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("Project name must not be blank");
    }
  }
}
