package io.devlogs.query.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A project's silences in {@code alert_silences}. The job reloads them and mutes matching
 * notifications while they last; expiring one sets its end to now.
 */
public final class SilenceStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS =
      "id, rule_id, matchers::text, starts_at, ends_at, created_by, comment";

  private final Connections db;

  public SilenceStore(Connections db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** A silence to create. */
  public record NewSilence(
      Optional<UUID> ruleId,
      Map<String, String> matchers,
      Instant startsAt,
      Instant endsAt,
      String createdBy,
      String comment) {}

  public Silence create(String projectId, NewSilence silence, Instant now) {
    return db.run(
        "create a silence",
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO alert_silences (project_id, rule_id, matchers, starts_at, ends_at,"
                      + " created_by, comment) VALUES (?, ?, CAST(? AS JSONB), ?, ?, ?, ?)"
                      + " RETURNING "
                      + COLUMNS)) {
            insert.setString(1, projectId);
            if (silence.ruleId().isPresent()) {
              insert.setObject(2, silence.ruleId().get());
            } else {
              insert.setNull(2, Types.OTHER);
            }
            insert.setString(3, json(silence.matchers()));
            insert.setTimestamp(4, Timestamp.from(silence.startsAt()));
            insert.setTimestamp(5, Timestamp.from(silence.endsAt()));
            insert.setString(6, silence.createdBy());
            insert.setString(7, silence.comment());
            return silences(insert, now).get(0);
          }
        });
  }

  /**
   * The project's silences that have not ended (all of them with {@code expired}), newest first.
   */
  public List<Silence> list(String projectId, boolean expired, Instant now) {
    return db.run(
        "list silences",
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM alert_silences WHERE project_id = ?"
                      + (expired ? "" : " AND ends_at > ?")
                      + " ORDER BY starts_at DESC, id LIMIT 500")) {
            select.setString(1, projectId);
            if (!expired) {
              select.setTimestamp(2, Timestamp.from(now));
            }
            return silences(select, now);
          }
        });
  }

  /** Ends a silence now; empty if the project has no such silence. */
  public Optional<Silence> expire(String projectId, UUID id, Instant at) {
    // PostgreSQL keeps microseconds, rounding: a nanosecond end could land after "now".
    Instant now = at.truncatedTo(ChronoUnit.MICROS);
    return db.run(
        "expire a silence",
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE alert_silences SET ends_at = LEAST(ends_at, ?)"
                      + " WHERE project_id = ? AND id = ? RETURNING "
                      + COLUMNS)) {
            update.setTimestamp(1, Timestamp.from(now));
            update.setString(2, projectId);
            update.setObject(3, id);
            return silences(update, now).stream().findFirst();
          }
        });
  }

  private static List<Silence> silences(PreparedStatement statement, Instant now)
      throws SQLException {
    List<Silence> out = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        Instant startsAt = rows.getTimestamp(4).toInstant();
        Instant endsAt = rows.getTimestamp(5).toInstant();
        out.add(
            new Silence(
                rows.getObject(1, UUID.class),
                rows.getObject(2, UUID.class),
                matchers(rows.getString(3)),
                startsAt,
                endsAt,
                rows.getString(6),
                rows.getString(7),
                !now.isBefore(startsAt) && now.isBefore(endsAt)));
      }
    }
    return out;
  }

  static Map<String, String> matchers(String json) throws SQLException {
    try {
      return new TreeMap<>(JSON.readValue(json, new TypeReference<Map<String, String>>() {}));
    } catch (JsonProcessingException e) {
      throw new SQLException("matchers are not an object of strings: " + json, e);
    }
  }

  static String json(Map<String, String> map) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(map));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    }
  }
}
