package io.devlogs.query.people;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The audit log in PostgreSQL: sign-ins and their failures, lockouts, role changes, invitations,
 * API keys issued and revoked. Readable by the organisation's owners. Thread-safe.
 */
public final class AuditLog {
  public static final int MAX_LIST = 1_000;

  private final PeopleDatabase database;

  public AuditLog(PeopleDatabase database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  public void record(AuditEntry entry, Instant at) {
    database.run(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO audit_log (at, organisation_id, project_id, actor, action, target,"
                      + " source_address, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, PeopleDatabase.timestamp(at));
            insert.setString(2, entry.organisationId());
            insert.setString(3, entry.projectId());
            insert.setString(4, entry.actor());
            insert.setString(5, entry.action());
            insert.setString(6, entry.target());
            insert.setString(7, entry.sourceAddress());
            insert.setString(8, entry.detail());
            return insert.executeUpdate();
          }
        });
  }

  /** The organisation's newest entries first, at most {@code limit}. */
  public List<AuditEntry> list(String organisationId, int limit) {
    return database.run(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT id, at, organisation_id, project_id, actor, action, target,"
                      + " source_address, detail FROM audit_log WHERE organisation_id = ?"
                      + " ORDER BY at DESC, id LIMIT ?")) {
            select.setString(1, organisationId);
            select.setInt(2, Math.min(limit, MAX_LIST));
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                entries.add(
                    new AuditEntry(
                        rs.getString(1),
                        PeopleDatabase.instant(rs, 2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9)));
              }
            }
            return entries;
          }
        });
  }
}
