package io.devlogs.projects;

import io.devlogs.settings.Settings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * The PostgreSQL database of projects, API keys and project settings: where it is and how the
 * stores connect to it. Thread-safe; holds no connection.
 *
 * <p>Every store call opens its own short-lived JDBC connection: the stores are used rarely (key
 * lookups are cached by {@link KeyAuthenticator}, projects are created by the CLI), so a pool would
 * add a dependency without a measurable gain. The SQL is plain enough for CockroachDB as well. The
 * tables are created by the {@code schema} module, never here.
 *
 * <p>Failures to reach the database surface as {@link IllegalStateException} with the cause.
 */
public final class ProjectsDatabase {

  private static final int CONNECT_TIMEOUT_SECONDS = 5;
  private static final int SOCKET_TIMEOUT_SECONDS = 30;

  private final String jdbcUrl;
  private final Properties connectionProperties;

  private ProjectsDatabase(String jdbcUrl, Properties connectionProperties) {
    this.jdbcUrl = jdbcUrl;
    this.connectionProperties = connectionProperties;
  }

  /** This database. Does not connect until the first call. */
  public static ProjectsDatabase connect(String jdbcUrl, String user, String password) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    // PostgreSQL driver options; bounded so a dead database fails a request instead of hanging it.
    props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    props.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
    props.setProperty("ApplicationName", "devlogs");
    return new ProjectsDatabase(jdbcUrl, props);
  }

  /**
   * The database of {@link PostgresKeys#URL}, {@link PostgresKeys#USER}, {@link
   * PostgresKeys#PASSWORD}.
   */
  public static ProjectsDatabase connect(Settings settings) {
    return PostgresOptions.from(settings).connect();
  }

  /** A new connection with the database's timeouts, for the caller to keep and close. */
  public Connection openConnection() throws SQLException {
    registerDriver();
    return DriverManager.getConnection(jdbcUrl, connectionProperties);
  }

  /** One unit of work on a connection. */
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs the work on a connection of its own.
   *
   * @param what what the work does, for the message of a failure ("create project 'x'")
   * @throws IllegalStateException naming what failed and where, if the database fails
   */
  <T> T execute(String what, SqlWork<T> work) {
    try (Connection connection = openConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not " + what + " in PostgreSQL at " + jdbcUrl + ": " + e.getMessage(), e);
    }
  }

  /**
   * Loads this class loader's PostgreSQL driver, which registers it with {@link DriverManager}.
   * DriverManager offers a caller only drivers whose class the caller's class loader sees: in a
   * Flink session cluster each job has its own class loader, and the first connection of a second
   * job failed with "No suitable driver" (its settings stayed at the defaults for one reload).
   */
  private static void registerDriver() throws SQLException {
    try {
      Class.forName("org.postgresql.Driver");
    } catch (ClassNotFoundException e) {
      throw new SQLException("the PostgreSQL JDBC driver is not on the class path", e);
    }
  }
}
