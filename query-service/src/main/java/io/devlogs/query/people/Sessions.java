package io.devlogs.query.people;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Browser sessions in PostgreSQL: the cookie holds a random id, the table its SHA-256 only, so a
 * copy of the table opens no session. Whether a session is still valid (expiry, idle timeout) is
 * decided by the caller's clock. Thread-safe.
 */
public final class Sessions {
  private final PeopleDatabase database;

  public Sessions(PeopleDatabase database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /** Starts a session; returns the raw id for the cookie (its only copy). */
  public String create(String userId, String projectId, Instant now, Instant expiresAt) {
    String rawId = Secrets.newToken();
    database.run(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO sessions (id_hash, user_id, project_id, created_at, last_seen_at,"
                      + " expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, Secrets.sha256(rawId));
            insert.setString(2, userId);
            insert.setString(3, projectId);
            insert.setObject(4, PeopleDatabase.timestamp(now));
            insert.setObject(5, PeopleDatabase.timestamp(now));
            insert.setObject(6, PeopleDatabase.timestamp(expiresAt));
            return insert.executeUpdate();
          }
        });
    return rawId;
  }

  /** The session of this raw id, revoked or expired ones included (the caller decides). */
  public Optional<SessionRow> find(String rawId) {
    if (rawId == null || rawId.isBlank() || rawId.length() > 100) {
      return Optional.empty();
    }
    return database.run(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT s.id_hash, u.id, u.email, u.name, s.project_id, s.created_at,"
                      + " s.last_seen_at, s.expires_at, s.revoked_at"
                      + " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?")) {
            select.setString(1, Secrets.sha256(rawId));
            try (ResultSet rs = select.executeQuery()) {
              if (!rs.next()) {
                return Optional.<SessionRow>empty();
              }
              return Optional.of(
                  new SessionRow(
                      rs.getString(1),
                      new User(rs.getString(2), rs.getString(3), rs.getString(4)),
                      rs.getString(5),
                      PeopleDatabase.instant(rs, "created_at"),
                      PeopleDatabase.instant(rs, "last_seen_at"),
                      PeopleDatabase.instant(rs, "expires_at"),
                      PeopleDatabase.instant(rs, "revoked_at")));
            }
          }
        });
  }

  /** Records activity, which moves the idle timeout on. */
  public void touch(String idHash, Instant now) {
    update("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?", now, idHash);
  }

  /** Sets the session's chosen project. */
  public void chooseProject(String idHash, String projectId) {
    database.run(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement("UPDATE sessions SET project_id = ? WHERE id_hash = ?")) {
            update.setString(1, projectId);
            update.setString(2, idHash);
            return update.executeUpdate();
          }
        });
  }

  /** Signs this session out. */
  public void revoke(String idHash, Instant now) {
    update(
        "UPDATE sessions SET revoked_at = COALESCE(revoked_at, ?) WHERE id_hash = ?", now, idHash);
  }

  /** Signs out every session of the person; returns how many were open. */
  public int revokeAll(String userId, Instant now) {
    return update(
        "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", now, userId);
  }

  private int update(String sql, Instant now, String key) {
    return database.run(
        connection -> {
          try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setObject(1, PeopleDatabase.timestamp(now));
            update.setString(2, key);
            return update.executeUpdate();
          }
        });
  }
}
