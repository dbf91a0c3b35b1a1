package io.devlogs.flink;

import io.devlogs.settings.keys.JobKeys;
import io.devlogs.settings.keys.PostgresKeys;
import io.devlogs.testing.OwnedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * A PostgreSQL of a rule pipeline's test (alert and recording rules), with the project's schema
 * applied: plain SQL on it, and the job's settings that read it, quickly reloaded and checkpointed.
 */
public final class RulesDatabase implements AutoCloseable {

  private final OwnedPostgres postgres;

  private RulesDatabase(OwnedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts one on {@code port} with {@code serverSettings} ({@code max_prepared_transactions}). */
  public static RulesDatabase start(int port, Map<String, String> serverSettings) throws Exception {
    return new RulesDatabase(
        OwnedPostgres.start(Path.of("../schema/ddl/postgres"), port, serverSettings));
  }

  /**
   * The job's settings for this database: its connection, checkpoints every 500 ms and rules
   * reloaded every 200 ms; the test adds its own topics to the returned map.
   */
  public Map<String, String> jobSettings() {
    Map<String, String> values = new HashMap<>();
    values.put(PostgresKeys.URL.key(), postgres.jdbcUrl());
    values.put(PostgresKeys.USER.key(), "postgres");
    values.put(PostgresKeys.PASSWORD.key(), "postgres");
    values.put(JobKeys.CHECKPOINT_INTERVAL.key(), "500ms");
    values.put(JobKeys.ALERTS_REFRESH.key(), "200ms");
    return values;
  }

  /** Adds the project {@code id} (rules reference it). */
  public void createProject(String id) throws Exception {
    sql("INSERT INTO projects (id, name) VALUES ('" + id + "', '" + id + "')");
  }

  public Connection connect() throws Exception {
    return DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "postgres");
  }

  public void sql(String sql) throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** The first column of the first row of {@code sql}. */
  public long queryLong(String sql) throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  @Override
  public void close() {
    postgres.close();
  }
}
