package io.devlogs.query.alerts.notify;

import io.devlogs.query.alerts.Connections;
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
 * Receivers, the deliveries made and the notifications given up on ({@code
 * 006_alert_notifications.sql}). Every read is scoped to one project.
 */
public final class NotificationStore {
  private static final String RECEIVER_COLUMNS =
      "project_id, id, name, kind, target, routing_key, secret";

  private final Connections db;

  public NotificationStore(Connections db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** A receiver to create; the id is the database's. */
  public record NewReceiver(
      String name, ReceiverKind kind, String target, String routingKey, String secret) {}

  public Receiver create(String projectId, NewReceiver receiver) {
    return db.run(
        "create a receiver",
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO alert_receivers (project_id, name, kind, target, routing_key,"
                      + " secret) VALUES (?, ?, ?, ?, ?, ?) RETURNING "
                      + RECEIVER_COLUMNS)) {
            insert.setString(1, projectId);
            insert.setString(2, receiver.name());
            insert.setString(3, receiver.kind().code());
            insert.setString(4, receiver.target());
            insert.setString(5, receiver.routingKey());
            insert.setString(6, receiver.secret());
            try (ResultSet rows = insert.executeQuery()) {
              rows.next();
              return receiver(rows);
            }
          }
        });
  }

  public List<Receiver> list(String projectId) {
    return db.run(
        "list receivers",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT "
                      + RECEIVER_COLUMNS
                      + " FROM alert_receivers WHERE project_id = ? ORDER BY name, id")) {
            select.setString(1, projectId);
            return receivers(select);
          }
        });
  }

  public Optional<Receiver> get(String projectId, UUID id) {
    return db.run(
        "read a receiver",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT "
                      + RECEIVER_COLUMNS
                      + " FROM alert_receivers WHERE project_id = ? AND id = ?")) {
            select.setString(1, projectId);
            select.setObject(2, id);
            return receivers(select).stream().findFirst();
          }
        });
  }

  /** Those of {@code ids} that name no receiver of the project. */
  public List<UUID> unknown(String projectId, List<UUID> ids) {
    List<UUID> known = list(projectId).stream().map(Receiver::id).toList();
    return ids.stream().filter(id -> !known.contains(id)).toList();
  }

  /** The receivers a rule notifies. */
  public List<Receiver> receiversOf(String projectId, UUID ruleId) {
    return db.run(
        "read a rule's receivers",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT r.project_id, r.id, r.name, r.kind, r.target, r.routing_key, r.secret"
                      + " FROM alert_rule_receivers l JOIN alert_receivers r"
                      + " ON r.project_id = l.project_id AND r.id = l.receiver_id"
                      + " WHERE l.project_id = ? AND l.rule_id = ? ORDER BY r.name, r.id")) {
            select.setString(1, projectId);
            select.setObject(2, ruleId);
            return receivers(select);
          }
        });
  }

  /** Whether this transition was delivered to, or given up on for, this receiver already. */
  public boolean handled(String idempotencyKey, UUID receiverId) {
    return db.run(
        "read a delivery",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT 1 FROM alert_deliveries WHERE idempotency_key = ? AND receiver_id = ?"
                      + " UNION ALL SELECT 1 FROM alert_notification_failures"
                      + " WHERE idempotency_key = ? AND receiver_id = ?")) {
            select.setString(1, idempotencyKey);
            select.setObject(2, receiverId);
            select.setString(3, idempotencyKey);
            select.setObject(4, receiverId);
            try (ResultSet rows = select.executeQuery()) {
              return rows.next();
            }
          }
        });
  }

  public void recordDelivery(Receiver receiver, UUID ruleId, String idempotencyKey, int attempts) {
    db.run(
        "record a delivery",
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO alert_deliveries (project_id, idempotency_key, receiver_id,"
                      + " rule_id, attempts) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, receiver.projectId());
            insert.setString(2, idempotencyKey);
            insert.setObject(3, receiver.id());
            insert.setObject(4, ruleId);
            insert.setInt(5, attempts);
            return insert.executeUpdate();
          }
        });
  }

  /** A notification given up on: the project sees it in {@link #failures}. */
  public record Failure(
      UUID id,
      String idempotencyKey,
      UUID receiverId,
      String receiverName,
      UUID ruleId,
      String state,
      int attempts,
      String lastError,
      String payload,
      Instant failedAt) {}

  public void recordFailure(
      Receiver receiver,
      UUID ruleId,
      String idempotencyKey,
      String state,
      int attempts,
      String lastError,
      String payload) {
    db.run(
        "record a failed notification",
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO alert_notification_failures (project_id, idempotency_key,"
                      + " receiver_id, rule_id, state, attempts, last_error, payload)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, receiver.projectId());
            insert.setString(2, idempotencyKey);
            insert.setObject(3, receiver.id());
            insert.setObject(4, ruleId);
            insert.setString(5, state);
            insert.setInt(6, attempts);
            insert.setString(7, lastError);
            insert.setString(8, payload);
            return insert.executeUpdate();
          }
        });
  }

  /** The project's failed notifications, newest first. */
  public List<Failure> failures(String projectId, int limit) {
    return db.run(
        "list failed notifications",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT f.id, f.idempotency_key, f.receiver_id, COALESCE(r.name, ''),"
                      + " f.rule_id, f.state, f.attempts, f.last_error, f.payload, f.failed_at"
                      + " FROM alert_notification_failures f LEFT JOIN alert_receivers r"
                      + " ON r.project_id = f.project_id AND r.id = f.receiver_id"
                      + " WHERE f.project_id = ? ORDER BY f.failed_at DESC, f.id LIMIT ?")) {
            select.setString(1, projectId);
            select.setInt(2, limit);
            List<Failure> out = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                out.add(
                    new Failure(
                        rows.getObject(1, UUID.class),
                        rows.getString(2),
                        rows.getObject(3, UUID.class),
                        rows.getString(4),
                        rows.getObject(5, UUID.class),
                        rows.getString(6),
                        rows.getInt(7),
                        rows.getString(8),
                        rows.getString(9),
                        rows.getTimestamp(10).toInstant()));
              }
            }
            return out;
          }
        });
  }

  private static List<Receiver> receivers(PreparedStatement select) throws SQLException {
    List<Receiver> out = new ArrayList<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        out.add(receiver(rows));
      }
    }
    return out;
  }

  private static Receiver receiver(ResultSet row) throws SQLException {
    return new Receiver(
        row.getString(1),
        row.getObject(2, UUID.class),
        row.getString(3),
        ReceiverKind.parse(row.getString(4)).orElseThrow(),
        row.getString(5),
        row.getString(6),
        row.getString(7));
  }
}
