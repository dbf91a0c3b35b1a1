package io.devlogs.query.people;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Organisations, the projects they own, their members and the members' roles, in PostgreSQL. A
 * person's effective role on a project is the higher of their organisation-wide role and their role
 * on that project; nobody outside the project's organisation has one. Thread-safe.
 */
public final class Organisations {
  public static final int MAX_NAME_LENGTH = 100;

  private static final String ACCESS_COLUMNS =
      "SELECT p.id, p.name, p.organisation_id, om.role AS org_role, pm.role AS project_role"
          + " FROM projects p"
          + " JOIN organisation_members om"
          + "   ON om.organisation_id = p.organisation_id AND om.user_id = ?"
          + " LEFT JOIN project_members pm ON pm.project_id = p.id AND pm.user_id = om.user_id"
          + " WHERE (om.role IS NOT NULL OR pm.role IS NOT NULL)";

  private final PeopleDatabase database;

  public Organisations(PeopleDatabase database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /**
   * Creates an organisation.
   *
   * @throws IllegalArgumentException for a blank or long name, or one that is taken
   */
  public Organisation create(String name) {
    if (name == null
        || name.isBlank()
        || name.strip().length() > MAX_NAME_LENGTH
        || name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "an organisation name has 1 to " + MAX_NAME_LENGTH + " characters, no control ones");
    }
    Organisation organisation = new Organisation(Secrets.newId("o_"), name.strip());
    return database.run(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement("INSERT INTO organisations (id, name) VALUES (?, ?)")) {
            insert.setString(1, organisation.id());
            insert.setString(2, organisation.name());
            insert.executeUpdate();
            return organisation;
          } catch (SQLException e) {
            if (PeopleDatabase.isUniqueViolation(e)) {
              throw new IllegalArgumentException(
                  "an organisation named '" + organisation.name() + "' exists already", e);
            }
            throw e;
          }
        });
  }

  public Optional<Organisation> findByName(String name) {
    return database.run(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement("SELECT id, name FROM organisations WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
              return rs.next()
                  ? Optional.of(new Organisation(rs.getString(1), rs.getString(2)))
                  : Optional.<Organisation>empty();
            }
          }
        });
  }

  /**
   * Makes the organisation the owner of a project that has none (or has it already).
   *
   * @return false if there is no such project or another organisation owns it
   */
  public boolean attachProject(String organisationId, String projectId) {
    return database.run(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE projects SET organisation_id = ? WHERE id = ?"
                      + " AND (organisation_id IS NULL OR organisation_id = ?)")) {
            update.setString(1, organisationId);
            update.setString(2, projectId);
            update.setString(3, organisationId);
            return update.executeUpdate() == 1;
          }
        });
  }

  /** The person's effective role on the project, if they have one. */
  public Optional<ProjectAccess> access(String userId, String projectId) {
    return database.run(connection -> access(connection, userId, projectId));
  }

  static Optional<ProjectAccess> access(Connection connection, String userId, String projectId)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(ACCESS_COLUMNS + " AND p.id = ?")) {
      select.setString(1, userId);
      select.setString(2, projectId);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(projectAccess(rs)) : Optional.empty();
      }
    }
  }

  /** Every project the person has a role on, by name. */
  public List<ProjectAccess> projectsOf(String userId) {
    return database.run(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(ACCESS_COLUMNS + " ORDER BY p.name, p.id")) {
            select.setString(1, userId);
            List<ProjectAccess> projects = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                projects.add(projectAccess(rs));
              }
            }
            return projects;
          }
        });
  }

  private static ProjectAccess projectAccess(ResultSet rs) throws SQLException {
    return new ProjectAccess(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        Role.higher(Role.fromColumn(rs.getString(4)), Role.fromColumn(rs.getString(5))));
  }

  /** The organisations the person belongs to, by name. */
  public List<Membership> organisationsOf(String userId) {
    return database.run(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT o.id, o.name, om.role FROM organisation_members om"
                      + " JOIN organisations o ON o.id = om.organisation_id"
                      + " WHERE om.user_id = ? ORDER BY o.name")) {
            select.setString(1, userId);
            List<Membership> memberships = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                memberships.add(
                    new Membership(
                        rs.getString(1), rs.getString(2), Role.fromColumn(rs.getString(3))));
              }
            }
            return memberships;
          }
        });
  }

  /** The organisation that owns the project, if any. */
  public Optional<String> organisationOf(String projectId) {
    return database.run(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement("SELECT organisation_id FROM projects WHERE id = ?")) {
            select.setString(1, projectId);
            try (ResultSet rs = select.executeQuery()) {
              return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
            }
          }
        });
  }

  /** The people with a role on the project, by email. */
  public List<Member> members(String projectId) {
    return database.run(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT u.id, u.email, u.name, om.role, pm.role FROM projects p"
                      + " JOIN organisation_members om ON om.organisation_id = p.organisation_id"
                      + " JOIN users u ON u.id = om.user_id"
                      + " LEFT JOIN project_members pm"
                      + "   ON pm.project_id = p.id AND pm.user_id = u.id"
                      + " WHERE p.id = ? AND (om.role IS NOT NULL OR pm.role IS NOT NULL)"
                      + " ORDER BY u.email")) {
            select.setString(1, projectId);
            List<Member> members = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                Role organisationRole = Role.fromColumn(rs.getString(4));
                Role projectRole = Role.fromColumn(rs.getString(5));
                members.add(
                    new Member(
                        new User(rs.getString(1), rs.getString(2), rs.getString(3)),
                        organisationRole,
                        projectRole,
                        Role.higher(organisationRole, projectRole)));
              }
            }
            return members;
          }
        });
  }

  /** Sets the person's role on the project alone; they must belong to its organisation. */
  public void setProjectRole(String projectId, String userId, Role role) {
    database.run(
        connection -> {
          setProjectRole(connection, projectId, userId, role);
          return null;
        });
  }

  static void setProjectRole(Connection connection, String projectId, String userId, Role role)
      throws SQLException {
    try (PreparedStatement upsert =
        connection.prepareStatement(
            "INSERT INTO project_members (project_id, user_id, role) VALUES (?, ?, ?)"
                + " ON CONFLICT (project_id, user_id) DO UPDATE SET role = excluded.role")) {
      upsert.setString(1, projectId);
      upsert.setString(2, userId);
      upsert.setString(3, role.dbValue());
      upsert.executeUpdate();
    }
  }

  /** Removes the person's role on the project alone (an organisation-wide role stays). */
  public boolean removeProjectRole(String projectId, String userId) {
    return database.run(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM project_members WHERE project_id = ? AND user_id = ?")) {
            delete.setString(1, projectId);
            delete.setString(2, userId);
            return delete.executeUpdate() > 0;
          }
        });
  }

  /**
   * Adds the person to the organisation, or raises their organisation-wide role to {@code role}
   * (null: membership only); never lowers it.
   */
  static void join(Connection connection, String organisationId, String userId, Role role)
      throws SQLException {
    Role existing = null;
    boolean member = false;
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT role FROM organisation_members WHERE organisation_id = ? AND user_id = ?")) {
      select.setString(1, organisationId);
      select.setString(2, userId);
      try (ResultSet rs = select.executeQuery()) {
        if (rs.next()) {
          member = true;
          existing = Role.fromColumn(rs.getString(1));
        }
      }
    }
    Role next = Role.higher(existing, role);
    String sql =
        member
            ? "UPDATE organisation_members SET role = ?, sso_managed = FALSE"
                + " WHERE organisation_id = ? AND user_id = ?"
            : "INSERT INTO organisation_members (role, organisation_id, user_id) VALUES (?, ?, ?)";
    try (PreparedStatement write = connection.prepareStatement(sql)) {
      write.setString(1, next == null ? null : next.dbValue());
      write.setString(2, organisationId);
      write.setString(3, userId);
      write.executeUpdate();
    }
  }

  /**
   * Sets the memberships single sign-on grants: exactly these organisation-wide roles for the
   * memberships it manages, removing those the provider no longer grants; a membership given by an
   * invitation keeps its role if that is higher.
   */
  public void applySsoRoles(String userId, Map<String, Role> roles) {
    database.transaction(
        connection -> {
          Map<String, Boolean> managed = new HashMap<>();
          Map<String, Role> current = new HashMap<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT organisation_id, role, sso_managed FROM organisation_members"
                      + " WHERE user_id = ?")) {
            select.setString(1, userId);
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                managed.put(rs.getString(1), rs.getBoolean(3));
                current.put(rs.getString(1), Role.fromColumn(rs.getString(2)));
              }
            }
          }
          for (Map.Entry<String, Boolean> row : managed.entrySet()) {
            if (row.getValue() && !roles.containsKey(row.getKey())) {
              try (PreparedStatement delete =
                  connection.prepareStatement(
                      "DELETE FROM organisation_members WHERE organisation_id = ? AND user_id = ?")) {
                delete.setString(1, row.getKey());
                delete.setString(2, userId);
                delete.executeUpdate();
              }
            }
          }
          for (Map.Entry<String, Role> grant : roles.entrySet()) {
            String organisationId = grant.getKey();
            String sql;
            Role role = grant.getValue();
            if (!managed.containsKey(organisationId)) {
              sql =
                  "INSERT INTO organisation_members (role, sso_managed, organisation_id, user_id)"
                      + " VALUES (?, TRUE, ?, ?)";
            } else if (managed.get(organisationId)) {
              sql =
                  "UPDATE organisation_members SET role = ?, sso_managed = TRUE"
                      + " WHERE organisation_id = ? AND user_id = ?";
            } else {
              role = Role.higher(current.get(organisationId), role);
              sql =
                  "UPDATE organisation_members SET role = ?"
                      + " WHERE organisation_id = ? AND user_id = ?";
            }
            try (PreparedStatement write = connection.prepareStatement(sql)) {
              write.setString(1, role.dbValue());
              write.setString(2, organisationId);
              write.setString(3, userId);
              write.executeUpdate();
            }
          }
          return null;
        });
  }

  /** Whether the person is an owner of the organisation. */
  public boolean isOwner(String userId, String organisationId) {
    return organisationsOf(userId).stream()
        .anyMatch(m -> m.organisationId().equals(organisationId) && m.owner());
  }
}
