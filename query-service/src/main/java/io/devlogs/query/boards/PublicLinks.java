package io.devlogs.query.boards;

import io.devlogs.query.people.PeopleDatabase;
import io.devlogs.query.people.Secrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Public links in PostgreSQL. The token (256 random bits) is shown once when a link is made and
 * stored only as its SHA-256, as session ids are. Thread-safe.
 */
public final class PublicLinks {
  private static final String SELECT =
      "SELECT id, project_id, kind, title, stream, range_from, range_to, snapshot, created_by,"
          + " created_at, expires_at, revoked_at FROM public_links";
  private static final String SELECT_WITHOUT_SNAPSHOT =
      SELECT.replace(" snapshot,", " NULL AS snapshot,");

  private final PeopleDatabase database;

  public PublicLinks(PeopleDatabase database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /** A link just made: its token is in no store. */
  public record Issued(String token, PublicLink link) {
    @Override
    public String toString() {
      return "Issued[" + link.id() + "]";
    }
  }

  /** What a new link answers and until when. */
  public record Draft(
      PublicLink.Kind kind,
      String title,
      String stream,
      Instant rangeFrom,
      Instant rangeTo,
      String snapshot,
      Instant expiresAt) {}

  public Issued create(String projectId, String createdBy, Draft draft, Instant now) {
    String token = Secrets.newToken();
    UUID id = BoardIds.newId();
    PublicLink link =
        database.transaction(
            connection -> {
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO public_links (id, token_hash, project_id, kind, title, stream,"
                          + " range_from, range_to, snapshot, created_by, created_at, expires_at)"
                          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, id);
                insert.setString(2, Secrets.sha256(token));
                insert.setString(3, projectId);
                insert.setString(4, draft.kind().dbValue());
                insert.setString(5, draft.title());
                insert.setString(6, draft.stream());
                insert.setObject(7, PeopleDatabase.timestamp(draft.rangeFrom()));
                insert.setObject(8, PeopleDatabase.timestamp(draft.rangeTo()));
                insert.setString(9, draft.snapshot());
                insert.setString(10, createdBy);
                insert.setObject(11, PeopleDatabase.timestamp(now));
                insert.setObject(12, PeopleDatabase.timestamp(draft.expiresAt()));
                insert.executeUpdate();
              }
              return find(connection, SELECT_WITHOUT_SNAPSHOT, projectId, id).orElseThrow();
            });
    return new Issued(token, link);
  }

  /** The project's links, newest first, without their snapshots. */
  public List<PublicLink> list(String projectId) {
    return database.run(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  SELECT_WITHOUT_SNAPSHOT
                      + " WHERE project_id = ? ORDER BY created_at DESC, id LIMIT 500")) {
            select.setString(1, projectId);
            List<PublicLink> links = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                links.add(row(rs));
              }
            }
            return links;
          }
        });
  }

  /** Revokes the project's link (once; revoking again keeps the first time). */
  public Optional<PublicLink> revoke(String projectId, UUID id, Instant now) {
    return database.transaction(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE public_links SET revoked_at = ? WHERE project_id = ? AND id = ?"
                      + " AND revoked_at IS NULL")) {
            update.setObject(1, PeopleDatabase.timestamp(now));
            update.setString(2, projectId);
            update.setObject(3, id);
            update.executeUpdate();
          }
          return find(connection, SELECT_WITHOUT_SNAPSHOT, projectId, id);
        });
  }

  /** The link of this token if it is neither expired nor revoked at {@code now}. */
  public Optional<PublicLink> open(String token, Instant now) {
    return database.run(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  SELECT + " WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?")) {
            select.setString(1, Secrets.sha256(token));
            select.setObject(2, PeopleDatabase.timestamp(now));
            try (ResultSet rs = select.executeQuery()) {
              return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
          }
        });
  }

  private static Optional<PublicLink> find(
      Connection connection, String select, String projectId, UUID id) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(select + " WHERE project_id = ? AND id = ?")) {
      statement.setString(1, projectId);
      statement.setObject(2, id);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  private static PublicLink row(ResultSet rs) throws SQLException {
    return new PublicLink(
        rs.getObject("id", UUID.class),
        rs.getString("project_id"),
        PublicLink.Kind.parse(rs.getString("kind")),
        rs.getString("title"),
        rs.getString("stream"),
        PeopleDatabase.instant(rs, "range_from"),
        PeopleDatabase.instant(rs, "range_to"),
        rs.getString("snapshot"),
        rs.getString("created_by"),
        PeopleDatabase.instant(rs, "created_at"),
        PeopleDatabase.instant(rs, "expires_at"),
        PeopleDatabase.instant(rs, "revoked_at"));
  }
}
