package io.devlogs.query.boards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.query.people.PeopleDatabase;
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
 * Dashboards in PostgreSQL, each as its document's JSON. Every read and write names the project, so
 * another project's id finds nothing. Thread-safe.
 */
public final class Dashboards {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SELECT =
      "SELECT id, project_id, document, created_by, created_at, updated_at FROM dashboards"
          + " WHERE project_id = ?";

  private final PeopleDatabase database;

  public Dashboards(PeopleDatabase database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  public List<Dashboard> list(String projectId) {
    return database.run(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(SELECT + " ORDER BY lower(name), id")) {
            select.setString(1, projectId);
            List<Dashboard> dashboards = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                dashboards.add(row(rs));
              }
            }
            return dashboards;
          }
        });
  }

  public Optional<Dashboard> find(String projectId, UUID id) {
    return database.run(connection -> find(connection, projectId, id));
  }

  private static Optional<Dashboard> find(Connection connection, String projectId, UUID id)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(SELECT + " AND id = ?")) {
      select.setString(1, projectId);
      select.setObject(2, id);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  public Dashboard create(
      String projectId, String createdBy, DashboardDocument document, Instant now) {
    UUID id = BoardIds.newId();
    return database.transaction(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO dashboards (id, project_id, name, document, created_by,"
                      + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, projectId);
            insert.setString(3, document.name());
            insert.setString(4, document.toJson().toString());
            insert.setString(5, createdBy);
            insert.setObject(6, PeopleDatabase.timestamp(now));
            insert.setObject(7, PeopleDatabase.timestamp(now));
            insert.executeUpdate();
          }
          return find(connection, projectId, id).orElseThrow();
        });
  }

  /** Replaces the document; empty if the project has no such dashboard. */
  public Optional<Dashboard> update(
      String projectId, UUID id, DashboardDocument document, Instant now) {
    return database.transaction(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE dashboards SET name = ?, document = ?, updated_at = ?"
                      + " WHERE project_id = ? AND id = ?")) {
            update.setString(1, document.name());
            update.setString(2, document.toJson().toString());
            update.setObject(3, PeopleDatabase.timestamp(now));
            update.setString(4, projectId);
            update.setObject(5, id);
            if (update.executeUpdate() == 0) {
              return Optional.empty();
            }
          }
          return find(connection, projectId, id);
        });
  }

  public boolean delete(String projectId, UUID id) {
    return database.run(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM dashboards WHERE project_id = ? AND id = ?")) {
            delete.setString(1, projectId);
            delete.setObject(2, id);
            return delete.executeUpdate() == 1;
          }
        });
  }

  private static Dashboard row(ResultSet rs) throws SQLException {
    DashboardDocument document;
    try {
      document =
          DashboardDocument.read(
              JSON.readTree(rs.getString("document")), DashboardDocument.Mode.EDIT);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new SQLException("dashboard " + rs.getString("id") + " holds a broken document", e);
    }
    return new Dashboard(
        rs.getObject("id", UUID.class),
        rs.getString("project_id"),
        document,
        rs.getString("created_by"),
        PeopleDatabase.instant(rs, "created_at"),
        PeopleDatabase.instant(rs, "updated_at"));
  }
}
