package io.devlogs.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.devlogs.settings.HostPorts;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.CassandraKeys;
import io.devlogs.settings.keys.ClickHouseKeys;
import io.devlogs.settings.keys.KafkaKeys;
import io.devlogs.settings.keys.PostgresKeys;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/** Applies the committed DDL twice to the real local stores and checks what exists after. */
class SchemaApplierIT {
  private static final Settings SETTINGS = Settings.fromEnvironment(new String[0]);

  @Test
  void applyingTwiceSucceedsAndCreatesEveryObject() throws Exception {
    String[] args = {"--schema.dir=ddl"};
    SchemaApplier.main(args);
    SchemaApplier.main(args);

    assertThat(postgresTables()).contains("projects", "api_keys", "project_settings");
    assertThat(clickHouseTables()).contains("events");
    assertThat(cassandraTables()).contains("stream_events");
    assertThat(kafkaTopics()).contains("devlogs-raw", "devlogs-parsed", "devlogs-dead-letter");
  }

  /**
   * Every script is applied again at each start, after rows of every kind exist: a narrower check
   * in an earlier script once failed the whole schema on the stored rules of a later kind.
   */
  @Test
  void applyingAgainKeepsRulesOfEveryKindTheCheckAllows() throws Exception {
    String[] args = {"--schema.dir=ddl"};
    SchemaApplier.main(args);
    try (Connection c = postgres()) {
      List<String> kinds = allowedAlertKinds(c);
      assertThat(kinds).contains("match_count", "derived_metric");
      execute(
          c,
          "INSERT INTO projects (id, name) VALUES (?, ?) ON CONFLICT DO NOTHING",
          REAPPLY_PROJECT,
          REAPPLY_PROJECT);
      try {
        for (String kind : kinds) {
          execute(
              c,
              "INSERT INTO alert_rules (project_id, name, kind, definition, enabled)"
                  + " VALUES (?, ?, ?, '{}'::jsonb, FALSE)",
              REAPPLY_PROJECT,
              "reapply " + kind,
              kind);
        }

        SchemaApplier.main(args);

        assertThat(allowedAlertKinds(c)).containsAll(kinds);
        try (ResultSet rs =
            query(c, "SELECT kind FROM alert_rules WHERE project_id = ?", REAPPLY_PROJECT)) {
          assertThat(column(rs)).containsExactlyInAnyOrderElementsOf(kinds);
        }
      } finally {
        execute(c, "DELETE FROM alert_rules WHERE project_id = ?", REAPPLY_PROJECT);
        execute(c, "DELETE FROM projects WHERE id = ?", REAPPLY_PROJECT);
      }
    }
  }

  private static final String REAPPLY_PROJECT = "schema-it-reapply";

  /** The kinds {@code alert_rules_kind_check} allows, read from PostgreSQL's catalogue. */
  private static List<String> allowedAlertKinds(Connection c) throws Exception {
    try (ResultSet rs =
        query(
            c,
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = ?",
            "alert_rules_kind_check")) {
      assertThat(rs.next()).as("alert_rules_kind_check exists").isTrue();
      List<String> kinds = new ArrayList<>();
      Matcher kind = Pattern.compile("'([a-z_]+)'").matcher(rs.getString(1));
      while (kind.find()) {
        kinds.add(kind.group(1));
      }
      return kinds;
    }
  }

  private static Connection postgres() throws Exception {
    return DriverManager.getConnection(
        SETTINGS.get(PostgresKeys.URL),
        SETTINGS.get(PostgresKeys.USER),
        SETTINGS.get(PostgresKeys.PASSWORD));
  }

  private static ResultSet query(Connection c, String sql, String value) throws Exception {
    PreparedStatement statement = c.prepareStatement(sql);
    statement.setString(1, value);
    statement.closeOnCompletion();
    return statement.executeQuery();
  }

  private static void execute(Connection c, String sql, String... values) throws Exception {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setString(i + 1, values[i]);
      }
      statement.executeUpdate();
    }
  }

  private static List<String> postgresTables() throws Exception {
    try (Connection c = postgres();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
      return column(rs);
    }
  }

  private static List<String> clickHouseTables() throws Exception {
    String url = ClickHouseSchema.serverUrl(SETTINGS.get(ClickHouseKeys.URL));
    try (Connection c =
            DriverManager.getConnection(
                url, SETTINGS.get(ClickHouseKeys.USER), SETTINGS.get(ClickHouseKeys.PASSWORD));
        ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT name FROM system.tables WHERE database = 'devlogs'")) {
      return column(rs);
    }
  }

  private static List<String> cassandraTables() {
    var builder = CqlSession.builder().withLocalDatacenter(SETTINGS.get(CassandraKeys.DATACENTER));
    HostPorts.parse(CassandraKeys.CONTACT_POINTS.key(), SETTINGS.get(CassandraKeys.CONTACT_POINTS))
        .forEach(builder::addContactPoint);
    try (CqlSession session = builder.build()) {
      return session
          .execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = 'devlogs'")
          .all()
          .stream()
          .map(row -> row.getString(0))
          .toList();
    }
  }

  private static Set<String> kafkaTopics() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SETTINGS.get(KafkaKeys.BOOTSTRAP_SERVERS)))) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    }
  }

  private static List<String> column(ResultSet rs) throws Exception {
    List<String> values = new ArrayList<>();
    while (rs.next()) {
      values.add(rs.getString(1));
    }
    return values;
  }
}
