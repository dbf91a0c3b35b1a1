package io.devlogs.bench.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devlogs.projects.ProjectsDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * The people of {@code bench crowd --dashboard}, written straight to PostgreSQL (the invitation
 * flow would spend an Argon2id hash per person before the load even starts): organisation i ({@code
 * <prefix>-org-<i>}) owns project i and its one shared dashboard; person j ({@code
 * <prefix>-user-<j>@crowd.bench}) is a viewer of every project of organisation j mod O. Everyone
 * has the same password, hashed once as the service hashes passwords, so each sign-in costs the
 * service one Argon2id check as a real one does. Writing again updates rows in place.
 */
final class CrowdPeople {
  static final String PASSWORD = "crowd bench password";
  static final int REFRESH_SECONDS = 10;
  static final String RANGE = "6h";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An organisation's project and its shared dashboard. */
  record Board(String organisationId, String projectId, UUID dashboardId) {}

  /** A person who watches the board of their organisation. */
  record Viewer(String email, Board board) {}

  private CrowdPeople() {}

  /** Seeds one organisation per project and {@code people} viewers over them. */
  static List<Viewer> seed(
      ProjectsDatabase database, String prefix, List<String> projectIds, int people)
      throws SQLException {
    String hash = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(PASSWORD);
    List<Board> boards = new ArrayList<>();
    try (Connection connection = database.openConnection()) {
      connection.setAutoCommit(false);
      for (int i = 0; i < projectIds.size(); i++) {
        String organisation = prefix + "-org-" + i;
        String project = projectIds.get(i);
        UUID dashboard =
            UUID.nameUUIDFromBytes(
                (prefix + "-dashboard-" + project).getBytes(StandardCharsets.UTF_8));
        execute(
            connection,
            "INSERT INTO organisations (id, name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
            organisation,
            organisation);
        execute(
            connection,
            "UPDATE projects SET organisation_id = ? WHERE id = ?",
            organisation,
            project);
        execute(
            connection,
            "INSERT INTO dashboards (id, project_id, name, document) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET document = excluded.document, updated_at = now()",
            dashboard,
            project,
            prefix + " crowd dashboard",
            document(prefix + " crowd dashboard"));
        boards.add(new Board(organisation, project, dashboard));
      }
      List<Viewer> viewers = new ArrayList<>();
      try (PreparedStatement user =
              connection.prepareStatement(
                  "INSERT INTO users (id, email, name, password_hash) VALUES (?, ?, ?, ?)"
                      + " ON CONFLICT (id) DO UPDATE SET password_hash = excluded.password_hash");
          PreparedStatement member =
              connection.prepareStatement(
                  "INSERT INTO organisation_members (organisation_id, user_id, role)"
                      + " VALUES (?, ?, 'viewer') ON CONFLICT (organisation_id, user_id)"
                      + " DO UPDATE SET role = 'viewer'")) {
        for (int j = 0; j < people; j++) {
          Board board = boards.get(j % boards.size());
          String id = prefix + "-user-" + j;
          String email = id + "@crowd.bench";
          user.setString(1, id);
          user.setString(2, email);
          user.setString(3, "Crowd viewer " + j);
          user.setString(4, hash);
          user.addBatch();
          member.setString(1, board.organisationId());
          member.setString(2, id);
          member.addBatch();
          viewers.add(new Viewer(email, board));
        }
        user.executeBatch();
        member.executeBatch();
      }
      connection.commit();
      return viewers;
    }
  }

  /**
   * The shared dashboard: one panel of each kind over the last {@value #RANGE}, refreshed every
   * {@value #REFRESH_SECONDS} s, with the {@code $service} variable in two panels (empty: all).
   */
  static String document(String name) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("format", "devlogs-dashboard");
    doc.put("version", 1);
    doc.put("name", name);
    doc.putObject("timeRange").put("last", RANGE);
    doc.put("refreshSeconds", REFRESH_SECONDS);
    doc.putObject("variables").put("service", "").put("level", "");
    ArrayNode panels = doc.putArray("panels");
    panel(panels, "events", "number", 0, 0, 3, 2).put("service", "$service");
    panel(panels, "rate", "series", 3, 0, 9, 4);
    panel(panels, "services", "top", 0, 2, 3, 4);
    panel(panels, "latest", "logs", 0, 6, 8, 6).put("service", "$service");
    panel(panels, "patterns", "patterns", 8, 6, 4, 6);
    return doc.toString();
  }

  private static ObjectNode panel(
      ArrayNode panels, String id, String kind, int x, int y, int w, int h) {
    ObjectNode panel = panels.addObject();
    panel.put("id", id);
    panel.put("title", id);
    panel.put("kind", kind);
    panel.put("x", x);
    panel.put("y", y);
    panel.put("w", w);
    panel.put("h", h);
    return panel.putObject("params");
  }

  private static void execute(Connection connection, String sql, Object... values)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      statement.executeUpdate();
    }
  }
}
