package io.devlogs.query.recording;

import io.devlogs.query.alerts.Connections;
import io.devlogs.recording.RecordingRule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A project's recording rules in {@code recording_rules}. Every change bumps the rule's {@code
 * version}. Every statement is scoped to one project: another project's id is not found.
 */
public final class RecordingRuleStore {
  private static final String COLUMNS =
      "project_id, id::text, name, definition::text, enabled, version, created_at, updated_at";

  private final Connections db;

  public RecordingRuleStore(Connections db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** A stored rule and when it changed. */
  public record RuleRow(RecordingRule rule, Instant createdAt, Instant updatedAt) {
    public StoredRecordingRule view() {
      return StoredRecordingRule.of(rule, createdAt, updatedAt);
    }
  }

  public List<RuleRow> list(String projectId) {
    return db.run(
        "list recording rules",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM recording_rules WHERE project_id = ? ORDER BY name, id")) {
            select.setString(1, projectId);
            return rows(select);
          }
        });
  }

  public Optional<RuleRow> get(String projectId, UUID id) {
    return db.run("read a recording rule", c -> get(c, projectId, id));
  }

  /** Stores a new rule; its id and times are the database's. */
  public RuleRow create(String projectId, RecordingRule rule) {
    return db.run(
        "create a recording rule",
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO recording_rules (project_id, name, definition, enabled)"
                      + " VALUES (?, ?, CAST(? AS JSONB), ?) RETURNING id")) {
            insert.setString(1, projectId);
            insert.setString(2, rule.name());
            insert.setString(3, rule.definitionJson().toString());
            insert.setBoolean(4, rule.enabled());
            try (ResultSet rows = insert.executeQuery()) {
              rows.next();
              return get(c, projectId, rows.getObject(1, UUID.class)).orElseThrow();
            }
          }
        });
  }

  /** Replaces a rule's fields and bumps its version; empty if the project has no such rule. */
  public Optional<RuleRow> update(String projectId, UUID id, RecordingRule rule) {
    return db.run(
        "update a recording rule",
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE recording_rules SET name = ?, definition = CAST(? AS JSONB),"
                      + " enabled = ?, version = version + 1, updated_at = now()"
                      + " WHERE project_id = ? AND id = ?")) {
            update.setString(1, rule.name());
            update.setString(2, rule.definitionJson().toString());
            update.setBoolean(3, rule.enabled());
            update.setString(4, projectId);
            update.setObject(5, id);
            if (update.executeUpdate() == 0) {
              return Optional.<RuleRow>empty();
            }
          }
          return get(c, projectId, id);
        });
  }

  /** Deletes a rule; false if the project has no such rule. Its recorded minutes stay. */
  public boolean delete(String projectId, UUID id) {
    return db.run(
        "delete a recording rule",
        c -> {
          try (PreparedStatement delete =
              c.prepareStatement("DELETE FROM recording_rules WHERE project_id = ? AND id = ?")) {
            delete.setString(1, projectId);
            delete.setObject(2, id);
            return delete.executeUpdate() > 0;
          }
        });
  }

  private static Optional<RuleRow> get(Connection c, String projectId, UUID id)
      throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM recording_rules WHERE project_id = ? AND id = ?")) {
      select.setString(1, projectId);
      select.setObject(2, id);
      return rows(select).stream().findFirst();
    }
  }

  private static List<RuleRow> rows(PreparedStatement select) throws SQLException {
    List<RuleRow> rules = new ArrayList<>();
    try (ResultSet row = select.executeQuery()) {
      while (row.next()) {
        RecordingRule rule =
            RecordingRule.parse(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getBoolean(5),
                row.getLong(6));
        Timestamp created = row.getTimestamp(7);
        Timestamp updated = row.getTimestamp(8);
        rules.add(new RuleRow(rule, created.toInstant(), updated.toInstant()));
      }
    }
    return rules;
  }
}
