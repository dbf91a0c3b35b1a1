package io.devlogs.query.alerts;

import io.devlogs.alerts.AlertRule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A project's rules in {@code alert_rules} and the receivers each notifies ({@code
 * alert_rule_receivers}). Every change of a rule bumps its {@code version}, which is how the job,
 * reloading the table, knows to start the rule's state anew. Every statement is scoped to one
 * project.
 */
public final class RuleStore {
  private static final String COLUMNS =
      "project_id, id::text, name, kind, definition::text, for_seconds, severity, labels::text,"
          + " description, enabled, version, created_at, updated_at";

  private final Connections db;

  public RuleStore(Connections db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** A stored rule with its receivers and times. */
  public record RuleRow(
      AlertRule rule, List<UUID> receivers, Instant createdAt, Instant updatedAt) {
    public StoredRule view() {
      return StoredRule.of(rule, receivers, createdAt, updatedAt);
    }
  }

  public List<RuleRow> list(String projectId) {
    return db.run(
        "list alert rules",
        c -> {
          Map<String, List<UUID>> receivers = receivers(c, projectId, Optional.empty());
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM alert_rules WHERE project_id = ? ORDER BY name, id")) {
            select.setString(1, projectId);
            return rows(select, receivers);
          }
        });
  }

  public Optional<RuleRow> get(String projectId, UUID id) {
    return db.run("read an alert rule", c -> get(c, projectId, id));
  }

  /** Stores a new rule (its id and times the database's) with its receivers. */
  public RuleRow create(String projectId, RuleRequest request) {
    return db.run(
        "create an alert rule",
        c ->
            inTransaction(
                c,
                () -> {
                  AlertRule rule = request.rule();
                  UUID id;
                  try (PreparedStatement insert =
                      c.prepareStatement(
                          "INSERT INTO alert_rules (project_id, name, kind, definition,"
                              + " for_seconds, severity, labels, description, enabled)"
                              + " VALUES (?, ?, ?, CAST(? AS JSONB), ?, ?, CAST(? AS JSONB), ?, ?)"
                              + " RETURNING id")) {
                    insert.setString(1, projectId);
                    bindRule(insert, 2, rule);
                    try (ResultSet rows = insert.executeQuery()) {
                      rows.next();
                      id = rows.getObject(1, UUID.class);
                    }
                  }
                  replaceReceivers(c, projectId, id, request.receivers());
                  return get(c, projectId, id).orElseThrow();
                }));
  }

  /**
   * Replaces a rule's fields and receivers and bumps its version; empty if there is no such rule.
   */
  public Optional<RuleRow> update(String projectId, UUID id, RuleRequest request) {
    return db.run(
        "update an alert rule",
        c ->
            inTransaction(
                c,
                () -> {
                  try (PreparedStatement update =
                      c.prepareStatement(
                          "UPDATE alert_rules SET name = ?, kind = ?, definition = CAST(? AS JSONB),"
                              + " for_seconds = ?, severity = ?, labels = CAST(? AS JSONB),"
                              + " description = ?, enabled = ?, version = version + 1,"
                              + " updated_at = now() WHERE project_id = ? AND id = ?")) {
                    int next = bindRule(update, 1, request.rule());
                    update.setString(next, projectId);
                    update.setObject(next + 1, id);
                    if (update.executeUpdate() == 0) {
                      return Optional.<RuleRow>empty();
                    }
                  }
                  replaceReceivers(c, projectId, id, request.receivers());
                  return get(c, projectId, id);
                }));
  }

  /** Enables or mutes a rule (and bumps its version); empty if there is no such rule. */
  public Optional<RuleRow> setEnabled(String projectId, UUID id, boolean enabled) {
    return db.run(
        "enable or disable an alert rule",
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE alert_rules SET enabled = ?, version = version + 1, updated_at = now()"
                      + " WHERE project_id = ? AND id = ?")) {
            update.setBoolean(1, enabled);
            update.setString(2, projectId);
            update.setObject(3, id);
            if (update.executeUpdate() == 0) {
              return Optional.empty();
            }
          }
          return get(c, projectId, id);
        });
  }

  /** Deletes a rule and its receiver links; false if there was no such rule. */
  public boolean delete(String projectId, UUID id) {
    return db.run(
        "delete an alert rule",
        c ->
            inTransaction(
                c,
                () -> {
                  try (PreparedStatement links =
                      c.prepareStatement(
                          "DELETE FROM alert_rule_receivers WHERE project_id = ? AND rule_id = ?")) {
                    links.setString(1, projectId);
                    links.setObject(2, id);
                    links.executeUpdate();
                  }
                  try (PreparedStatement delete =
                      c.prepareStatement(
                          "DELETE FROM alert_rules WHERE project_id = ? AND id = ?")) {
                    delete.setString(1, projectId);
                    delete.setObject(2, id);
                    return delete.executeUpdate() > 0;
                  }
                }));
  }

  /** Binds the rule's nine columns from {@code first}; returns the next index. */
  private static int bindRule(PreparedStatement statement, int first, AlertRule rule)
      throws SQLException {
    statement.setString(first, rule.name());
    statement.setString(first + 1, rule.kind().wireName());
    statement.setString(first + 2, rule.definitionJson().toString());
    statement.setInt(first + 3, rule.forSeconds());
    statement.setString(first + 4, rule.severity().wireName());
    statement.setString(first + 5, rule.labelsJson().toString());
    statement.setString(first + 6, rule.description());
    statement.setBoolean(first + 7, rule.enabled());
    return first + 8;
  }

  private static Optional<RuleRow> get(Connection c, String projectId, UUID id)
      throws SQLException {
    Map<String, List<UUID>> receivers = receivers(c, projectId, Optional.of(id));
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM alert_rules WHERE project_id = ? AND id = ?")) {
      select.setString(1, projectId);
      select.setObject(2, id);
      return rows(select, receivers).stream().findFirst();
    }
  }

  private static void replaceReceivers(
      Connection c, String projectId, UUID ruleId, List<UUID> receivers) throws SQLException {
    try (PreparedStatement delete =
        c.prepareStatement(
            "DELETE FROM alert_rule_receivers WHERE project_id = ? AND rule_id = ?")) {
      delete.setString(1, projectId);
      delete.setObject(2, ruleId);
      delete.executeUpdate();
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO alert_rule_receivers (project_id, rule_id, receiver_id) VALUES (?, ?, ?)")) {
      for (UUID receiver : receivers) {
        insert.setString(1, projectId);
        insert.setObject(2, ruleId);
        insert.setObject(3, receiver);
        insert.addBatch();
      }
      if (!receivers.isEmpty()) {
        insert.executeBatch();
      }
    }
  }

  private static Map<String, List<UUID>> receivers(
      Connection c, String projectId, Optional<UUID> ruleId) throws SQLException {
    String sql =
        "SELECT rule_id::text, receiver_id FROM alert_rule_receivers WHERE project_id = ?"
            + (ruleId.isPresent() ? " AND rule_id = ?" : "")
            + " ORDER BY receiver_id";
    Map<String, List<UUID>> out = new HashMap<>();
    try (PreparedStatement select = c.prepareStatement(sql)) {
      select.setString(1, projectId);
      if (ruleId.isPresent()) {
        select.setObject(2, ruleId.get());
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          out.computeIfAbsent(rows.getString(1), k -> new ArrayList<>())
              .add(rows.getObject(2, UUID.class));
        }
      }
    }
    return out;
  }

  private static List<RuleRow> rows(PreparedStatement select, Map<String, List<UUID>> receivers)
      throws SQLException {
    List<RuleRow> out = new ArrayList<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        AlertRule rule =
            AlertRule.parse(
                rows.getString(1),
                rows.getString(2),
                rows.getString(3),
                rows.getString(4),
                rows.getString(5),
                rows.getInt(6),
                rows.getString(7),
                rows.getString(8),
                rows.getString(9),
                rows.getBoolean(10),
                rows.getLong(11));
        out.add(
            new RuleRow(
                rule,
                receivers.getOrDefault(rule.id(), List.of()),
                rows.getTimestamp(12).toInstant(),
                rows.getTimestamp(13).toInstant()));
      }
    }
    return out;
  }

  /** Work that must commit as one. */
  @FunctionalInterface
  private interface Transactional<T> {
    T run() throws SQLException;
  }

  private static <T> T inTransaction(Connection c, Transactional<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      T result = work.run();
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }
}
