package io.devlogs.query.people;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Invitations by link: the link carries a random token, the table only its hash; an invitation is
 * accepted once, before it expires, and accepting it makes (or finds) the person and gives them the
 * role in one transaction. Thread-safe.
 */
public final class Invitations {
  private static final String COLUMNS =
      "SELECT i.id, i.organisation_id, o.name, i.project_id, p.name, i.role, i.email,"
          + " i.created_at, i.expires_at FROM invitations i"
          + " JOIN organisations o ON o.id = i.organisation_id"
          + " LEFT JOIN projects p ON p.id = i.project_id";

  private final PeopleDatabase database;

  public Invitations(PeopleDatabase database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /** An invitation just made: the token of its link is shown once and stored nowhere. */
  public record Issued(String token, Invitation invitation) {
    @Override
    public String toString() {
      return "Issued[" + invitation + "]";
    }
  }

  /** What accepting made: the person and the invitation. */
  public record Accepted(User user, Invitation invitation) {}

  public Issued create(
      String organisationId,
      String projectId,
      Role role,
      String email,
      String invitedBy,
      Instant expiresAt) {
    String normal = Users.normalEmail(email);
    String token = Secrets.newToken();
    String id =
        database.run(
            connection -> {
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO invitations (token_hash, organisation_id, project_id, role,"
                          + " email, invited_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                          + " RETURNING id")) {
                insert.setString(1, Secrets.sha256(token));
                insert.setString(2, organisationId);
                insert.setString(3, projectId);
                insert.setString(4, role.dbValue());
                insert.setString(5, normal);
                insert.setString(6, invitedBy);
                insert.setObject(7, PeopleDatabase.timestamp(expiresAt));
                try (ResultSet rs = insert.executeQuery()) {
                  rs.next();
                  return rs.getString(1);
                }
              }
            });
    Invitation invitation =
        database.run(connection -> byId(connection, id)).orElseThrow(IllegalStateException::new);
    return new Issued(token, invitation);
  }

  private static Optional<Invitation> byId(Connection connection, String id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(COLUMNS + " WHERE i.id = CAST(? AS UUID)")) {
      select.setString(1, id);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(invitation(rs)) : Optional.empty();
      }
    }
  }

  /** The invitation of this token, if it can still be accepted at {@code now}. */
  public Optional<Invitation> pending(String token, Instant now) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    return database.run(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  COLUMNS
                      + " WHERE i.token_hash = ? AND i.accepted_at IS NULL AND i.expires_at > ?")) {
            select.setString(1, Secrets.sha256(token));
            select.setObject(2, PeopleDatabase.timestamp(now));
            try (ResultSet rs = select.executeQuery()) {
              return rs.next() ? Optional.of(invitation(rs)) : Optional.<Invitation>empty();
            }
          }
        });
  }

  /** The project's invitations not yet accepted nor expired, newest first. */
  public List<Invitation> pendingForProject(String projectId, Instant now) {
    return database.run(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  COLUMNS
                      + " WHERE i.project_id = ? AND i.accepted_at IS NULL AND i.expires_at > ?"
                      + " ORDER BY i.created_at DESC")) {
            select.setString(1, projectId);
            select.setObject(2, PeopleDatabase.timestamp(now));
            List<Invitation> invitations = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                invitations.add(invitation(rs));
              }
            }
            return invitations;
          }
        });
  }

  /** Checks the password of an existing person who accepts; throws to refuse. */
  public interface ExistingPerson {
    void check(Users.WithPassword person);
  }

  /**
   * Accepts the invitation once: the person with its email (checked by {@code existing}) or a new
   * one with this name and password hash gets its role. Empty if the token is unknown, used or
   * expired.
   */
  public Optional<Accepted> accept(
      String token, Instant now, String name, String passwordHash, ExistingPerson existing) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    return database.transaction(
        connection -> {
          String id;
          try (PreparedStatement consume =
              connection.prepareStatement(
                  "UPDATE invitations SET accepted_at = ? WHERE token_hash = ?"
                      + " AND accepted_at IS NULL AND expires_at > ? RETURNING id")) {
            consume.setObject(1, PeopleDatabase.timestamp(now));
            consume.setString(2, Secrets.sha256(token));
            consume.setObject(3, PeopleDatabase.timestamp(now));
            try (ResultSet rs = consume.executeQuery()) {
              if (!rs.next()) {
                return Optional.<Accepted>empty();
              }
              id = rs.getString(1);
            }
          }
          Invitation invitation = byId(connection, id).orElseThrow(IllegalStateException::new);
          Optional<Users.WithPassword> person = Users.findByEmail(connection, invitation.email());
          User user;
          if (person.isPresent()) {
            existing.check(person.get());
            user = person.get().user();
          } else {
            user = Users.insert(connection, invitation.email(), name, passwordHash);
          }
          if (invitation.projectId() == null) {
            Organisations.join(
                connection, invitation.organisationId(), user.id(), invitation.role());
          } else {
            Organisations.join(connection, invitation.organisationId(), user.id(), null);
            Optional<ProjectAccess> access =
                Organisations.access(connection, user.id(), invitation.projectId());
            if (access.isEmpty() || !access.get().role().atLeast(invitation.role())) {
              Organisations.setProjectRole(
                  connection, invitation.projectId(), user.id(), invitation.role());
            }
          }
          try (PreparedStatement accepted =
              connection.prepareStatement(
                  "UPDATE invitations SET accepted_by = ? WHERE id = CAST(? AS UUID)")) {
            accepted.setString(1, user.id());
            accepted.setString(2, id);
            accepted.executeUpdate();
          }
          return Optional.of(new Accepted(user, invitation));
        });
  }

  private static Invitation invitation(ResultSet rs) throws SQLException {
    return new Invitation(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        Role.parse(rs.getString(6)),
        rs.getString(7),
        PeopleDatabase.instant(rs, "created_at"),
        PeopleDatabase.instant(rs, "expires_at"));
  }
}
