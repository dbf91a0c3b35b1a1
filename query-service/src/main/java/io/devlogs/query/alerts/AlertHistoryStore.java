package io.devlogs.query.alerts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Reads {@code alert_history}, which the job writes exactly once per transition: a rule's
 * transitions and the project's alerts that are firing now (those whose latest transition is {@code
 * firing}).
 */
public final class AlertHistoryStore {
  private static final String COLUMNS =
      "h.rule_id, COALESCE(r.name, ''), COALESCE(r.severity, ''), h.fingerprint, h.state,"
          + " h.value, h.at, h.labels::text, h.summary, h.idempotency_key";
  private static final String FROM =
      " FROM alert_history h LEFT JOIN alert_rules r"
          + " ON r.project_id = h.project_id AND r.id = h.rule_id";

  private final Connections db;

  public AlertHistoryStore(Connections db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** A rule's transitions, newest first. */
  public List<AlertEvent> history(String projectId, UUID ruleId, int limit) {
    return db.run(
        "read an alert rule's history",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + FROM
                      + " WHERE h.project_id = ? AND h.rule_id = ?"
                      + " ORDER BY h.at DESC, h.idempotency_key DESC LIMIT ?")) {
            select.setString(1, projectId);
            select.setObject(2, ruleId);
            select.setInt(3, limit);
            return events(select);
          }
        });
  }

  /** The project's alerts whose latest transition is {@code firing}, newest first. */
  public List<AlertEvent> firing(String projectId, int limit) {
    return db.run(
        "list firing alerts",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM (SELECT DISTINCT ON (rule_id, fingerprint) *"
                      + " FROM alert_history WHERE project_id = ?"
                      + " ORDER BY rule_id, fingerprint, at DESC, idempotency_key DESC) h"
                      + " LEFT JOIN alert_rules r ON r.project_id = h.project_id AND r.id = h.rule_id"
                      + " WHERE h.state = 'firing' ORDER BY h.at DESC LIMIT ?")) {
            select.setString(1, projectId);
            select.setInt(2, limit);
            return events(select);
          }
        });
  }

  private static List<AlertEvent> events(PreparedStatement select) throws SQLException {
    List<AlertEvent> out = new ArrayList<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        out.add(
            new AlertEvent(
                rows.getObject(1, UUID.class),
                rows.getString(2),
                rows.getString(3),
                rows.getString(4),
                rows.getString(5),
                rows.getDouble(6),
                rows.getTimestamp(7).toInstant(),
                SilenceStore.matchers(rows.getString(8)),
                rows.getString(9),
                rows.getString(10)));
      }
    }
    return out;
  }
}
