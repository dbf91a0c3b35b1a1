package io.devlogs.flink.alerts;

import io.devlogs.projects.PostgresOptions;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * The PostgreSQL connection a rule source reads its tables on: kept open between loads (as {@code
 * PostgresSettingsSource} does); a load that fails closes it and the next opens a new one. It also
 * remembers which bad rows were reported, so each is logged once per rule version: one tenant's bad
 * rule never costs another anything, and never floods the log.
 */
public final class RuleTableConnection implements Serializable {

  private static final long serialVersionUID = 1L;

  /** One read of the tables on an open connection. */
  @FunctionalInterface
  public interface Load<T> {
    T from(Connection connection) throws SQLException;
  }

  private final PostgresOptions postgres;
  private transient Connection connection;
  private transient Set<String> reported;

  public RuleTableConnection(PostgresOptions postgres) {
    this.postgres = postgres;
  }

  /** Runs {@code load} on the connection, opened if needed, closed when the load fails. */
  public synchronized <T> T load(Load<T> load) throws SQLException {
    try {
      if (connection == null) {
        connection = postgres.connect().openConnection();
      }
      return load.from(connection);
    } catch (SQLException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** True the first time {@code what} (a bad row and its version) is reported, then false. */
  public synchronized boolean firstReport(String what) {
    if (reported == null) {
      reported = new HashSet<>();
    }
    return reported.add(what);
  }

  public synchronized void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // the connection is gone either way
      }
      connection = null;
    }
  }

  @Override
  public String toString() {
    return postgres.url();
  }
}
