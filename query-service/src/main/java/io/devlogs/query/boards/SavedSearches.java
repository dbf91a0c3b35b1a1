package io.devlogs.query.boards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devlogs.query.people.PeopleDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Saved searches in PostgreSQL. Every read and write names the project and the person: a search is
 * found only in its project, and a private one only by its owner, so another project's or person's
 * id finds nothing. Thread-safe.
 */
public final class SavedSearches {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, List<String>>> QUERY = new TypeReference<>() {};
  private static final TypeReference<List<String>> COLUMNS = new TypeReference<>() {};
  private static final String SELECT =
      "SELECT s.id, s.project_id, s.owner_id, u.name AS owner_name, s.name, s.query,"
          + " s.range_relative, s.range_from, s.range_to, s.columns, s.shared, s.created_at,"
          + " s.updated_at FROM saved_searches s JOIN users u ON u.id = s.owner_id"
          + " WHERE s.project_id = ? AND (s.shared OR s.owner_id = ?)";

  private final PeopleDatabase database;

  public SavedSearches(PeopleDatabase database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /** The project's shared searches and the person's own, by name. */
  public List<SavedSearch> visible(String projectId, String userId) {
    return database.run(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(SELECT + " ORDER BY lower(s.name), s.id")) {
            select.setString(1, projectId);
            select.setString(2, userId);
            List<SavedSearch> searches = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                searches.add(row(rs));
              }
            }
            return searches;
          }
        });
  }

  /** The search if it is the project's and the person may see it. */
  public Optional<SavedSearch> find(String projectId, String userId, UUID id) {
    return database.run(connection -> find(connection, projectId, userId, id));
  }

  private static Optional<SavedSearch> find(
      Connection connection, String projectId, String userId, UUID id) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(SELECT + " AND s.id = ?")) {
      select.setString(1, projectId);
      select.setString(2, userId);
      select.setObject(3, id);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  public SavedSearch create(
      String projectId, String ownerId, SavedSearch.Draft draft, Instant now) {
    UUID id = BoardIds.newId();
    return database.transaction(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO saved_searches (id, project_id, owner_id, name, query,"
                      + " range_relative, range_from, range_to, columns, shared, created_at,"
                      + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, projectId);
            insert.setString(3, ownerId);
            int next = bindDraft(insert, 4, draft);
            insert.setObject(next, PeopleDatabase.timestamp(now));
            insert.setObject(next + 1, PeopleDatabase.timestamp(now));
            insert.executeUpdate();
          }
          return find(connection, projectId, ownerId, id).orElseThrow();
        });
  }

  /** Replaces the search's fields; empty if the person cannot see it in the project. */
  public Optional<SavedSearch> update(
      String projectId, String userId, UUID id, SavedSearch.Draft draft, Instant now) {
    return database.transaction(
        connection -> {
          if (find(connection, projectId, userId, id).isEmpty()) {
            return Optional.empty();
          }
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE saved_searches SET name = ?, query = ?, range_relative = ?,"
                      + " range_from = ?, range_to = ?, columns = ?, shared = ?, updated_at = ?"
                      + " WHERE project_id = ? AND id = ?")) {
            int next = bindDraft(update, 1, draft);
            update.setObject(next, PeopleDatabase.timestamp(now));
            update.setString(next + 1, projectId);
            update.setObject(next + 2, id);
            update.executeUpdate();
          }
          return find(connection, projectId, userId, id);
        });
  }

  /** Deletes the search; false if the person cannot see it in the project. */
  public boolean delete(String projectId, String userId, UUID id) {
    return database.run(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM saved_searches WHERE project_id = ? AND id = ?"
                      + " AND (shared OR owner_id = ?)")) {
            delete.setString(1, projectId);
            delete.setObject(2, id);
            delete.setString(3, userId);
            return delete.executeUpdate() == 1;
          }
        });
  }

  /** Binds name, query, range (3), columns and shared from {@code first}; the next index. */
  private static int bindDraft(PreparedStatement statement, int first, SavedSearch.Draft draft)
      throws SQLException {
    statement.setString(first, draft.name());
    statement.setString(first + 1, json(draft.query()));
    TimeWindow window = draft.window();
    statement.setString(first + 2, window.relative() ? window.last().text() : null);
    statement.setObject(first + 3, PeopleDatabase.timestamp(window.from()));
    statement.setObject(first + 4, PeopleDatabase.timestamp(window.to()));
    statement.setString(first + 5, json(draft.columns()));
    statement.setBoolean(first + 6, draft.shared());
    return first + 7;
  }

  private static SavedSearch row(ResultSet rs) throws SQLException {
    String relative = rs.getString("range_relative");
    TimeWindow window =
        relative != null
            ? TimeWindow.lastOf(relative)
            : new TimeWindow(
                null,
                PeopleDatabase.instant(rs, "range_from"),
                PeopleDatabase.instant(rs, "range_to"));
    try {
      return new SavedSearch(
          rs.getObject("id", UUID.class),
          rs.getString("project_id"),
          rs.getString("owner_id"),
          rs.getString("owner_name"),
          rs.getString("name"),
          JSON.readValue(rs.getString("query"), QUERY),
          window,
          JSON.readValue(rs.getString("columns"), COLUMNS),
          rs.getBoolean("shared"),
          PeopleDatabase.instant(rs, "created_at"),
          PeopleDatabase.instant(rs, "updated_at"));
    } catch (JsonProcessingException e) {
      throw new SQLException("saved search " + rs.getString("id") + " holds broken JSON", e);
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("lists and maps of strings are JSON", e);
    }
  }
}
