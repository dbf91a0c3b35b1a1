package io.devlogs.projects;

import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.AuthKeys;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The API keys of projects in PostgreSQL: issue, authenticate, list and revoke them. Keys are
 * stored as SHA-256 hashes only. Thread-safe.
 */
public final class ApiKeyStore {

  private static final String FOREIGN_KEY_VIOLATION = "23503";

  /** Scopes of a key, also for rows written before the {@code scopes} column existed. */
  private static final String SCOPES = "COALESCE(scopes, ARRAY[scope])";

  private static final String KEY_COLUMNS =
      "id, project_id, key_prefix, "
          + SCOPES
          + " AS all_scopes, created_at, expires_at, revoked_at";

  private final ProjectsDatabase database;
  private final int maxLiveKeysPerProject;

  /** A store whose projects may hold the registry's default number of live keys. */
  public ApiKeyStore(ProjectsDatabase database) {
    this(database, DEFAULT_MAX_LIVE_KEYS);
  }

  /**
   * A store that issues a key only while its project has fewer than {@code maxLiveKeysPerProject}
   * live (unrevoked, unexpired) keys ({@link AuthKeys#MAX_LIVE_KEYS_PER_PROJECT}).
   */
  public ApiKeyStore(ProjectsDatabase database, int maxLiveKeysPerProject) {
    this.database = Objects.requireNonNull(database, "database");
    if (maxLiveKeysPerProject <= 0) {
      throw new IllegalArgumentException(
          "maxLiveKeysPerProject must be positive, was " + maxLiveKeysPerProject);
    }
    this.maxLiveKeysPerProject = maxLiveKeysPerProject;
  }

  private static final int DEFAULT_MAX_LIVE_KEYS =
      Settings.of(Map.of()).get(AuthKeys.MAX_LIVE_KEYS_PER_PROJECT);

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
   * @throws LiveKeyLimitException if the project holds its most live keys already
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
        database.execute(
            "issue a key for project " + projectId,
            connection -> {
              connection.setAutoCommit(false);
              try {
                lockProject(connection, projectId);
                if (liveKeys(connection, projectId) >= maxLiveKeysPerProject) {
                  throw new LiveKeyLimitException(projectId, maxLiveKeysPerProject);
                }
                ApiKeyInfo inserted = insertKey(connection, projectId, scopes, expiresAt, rawKey);
                connection.commit();
                return inserted;
              } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
              }
            });
    return new IssuedKey(rawKey, info);
  }

  /** Serialises key issues of one project, so two at once cannot both pass the cap. */
  private static void lockProject(Connection connection, String projectId) throws SQLException {
    try (PreparedStatement lock =
        connection.prepareStatement("SELECT id FROM projects WHERE id = ? FOR UPDATE")) {
      lock.setString(1, projectId);
      lock.executeQuery().close();
    }
  }

  private static int liveKeys(Connection connection, String projectId) throws SQLException {
    try (PreparedStatement count =
        connection.prepareStatement(
            "SELECT count(*) FROM api_keys WHERE project_id = ? AND revoked_at IS NULL"
                + " AND (expires_at IS NULL OR expires_at > now())")) {
      count.setString(1, projectId);
      try (ResultSet rs = count.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /**
   * Inserts the key on the caller's connection, so {@link ProjectStore#createProjectWithAdminKey}
   * can issue it in the transaction that creates the project.
   */
  static ApiKeyInfo insertKey(
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
    return database.execute(
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
    return database.execute(
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
    return database.execute(
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
    return database.execute(
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
}
