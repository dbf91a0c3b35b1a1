package io.devlogs.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.devlogs.settings.HostPorts;
import io.devlogs.settings.Settings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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

  private static List<String> postgresTables() throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                SETTINGS.get("postgres.url", "jdbc:postgresql://127.0.0.1:15432/devlogs"),
                SETTINGS.get("postgres.user", "devlogs"),
                SETTINGS.get("postgres.password", "devlogs"));
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
      return column(rs);
    }
  }

  private static List<String> clickHouseTables() throws Exception {
    String url =
        ClickHouseSchema.serverUrl(
            SETTINGS.get("clickhouse.url", "jdbc:clickhouse://127.0.0.1:18123/devlogs"));
    try (Connection c =
            DriverManager.getConnection(
                url,
                SETTINGS.get("clickhouse.user", "default"),
                SETTINGS.get("clickhouse.password", ""));
        ResultSet rs =
            c.createStatement()
                .executeQuery("SELECT name FROM system.tables WHERE database = 'devlogs'")) {
      return column(rs);
    }
  }

  private static List<String> cassandraTables() {
    var builder =
        CqlSession.builder()
            .withLocalDatacenter(SETTINGS.get("cassandra.datacenter", "datacenter1"));
    HostPorts.parse(
            "cassandra.contact-points", SETTINGS.get("cassandra.contact-points", "127.0.0.1:19042"))
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
                SETTINGS.get("kafka.bootstrap-servers", "127.0.0.1:19092")))) {
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
