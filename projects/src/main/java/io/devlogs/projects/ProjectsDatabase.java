package io.devlogs.projects;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.PostgresKeys;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * The PostgreSQL database of projects, API keys and project settings: where it is and how the
 * stores connect to it. Thread-safe.
 *
 * <p>A {@link #connect connected} database opens a short-lived JDBC connection per store call, for
 * programs that call it a few times (the CLI, tools). A {@link #pooled pooled} one, for the
 * services, keeps a few connections open and shares them: each new connection costs a TCP
 * handshake, a backend process and a SCRAM exchange (4,096 PBKDF2 rounds on both sides), and a
 * crowd of 1,000 dashboard users over 100 keys made the query service open dozens at once as the
 * key cache expired, which took most of its CPU and left requests waiting 30 s. The SQL is plain
 * enough for CockroachDB as well. The tables are created by the {@code schema} module, never here.
 *
 * <p>Failures to reach the database surface as {@link IllegalStateException} with the cause.
 */
public final class ProjectsDatabase implements AutoCloseable {

  private static final int CONNECT_TIMEOUT_SECONDS = 5;
  private static final int SOCKET_TIMEOUT_SECONDS = 30;

  private final String jdbcUrl;
  private final Properties connectionProperties;
  private final HikariDataSource pool;

  private ProjectsDatabase(String jdbcUrl, Properties connectionProperties, HikariDataSource pool) {
    this.jdbcUrl = jdbcUrl;
    this.connectionProperties = connectionProperties;
    this.pool = pool;
  }

  /** This database, a connection per store call. Does not connect until the first call. */
  public static ProjectsDatabase connect(String jdbcUrl, String user, String password) {
    return new ProjectsDatabase(jdbcUrl, properties(jdbcUrl, user, password), null);
  }

  /**
   * This database, its store calls sharing at most {@code maxConnections} open connections (a call
   * waits at most the connect timeout for one). Does not connect until the first call, so a service
   * starts while PostgreSQL is down. {@link #close} closes them.
   */
  public static ProjectsDatabase pooled(
      String jdbcUrl, String user, String password, int maxConnections) {
    Properties properties = properties(jdbcUrl, user, password);
    HikariConfig config = new HikariConfig();
    config.setPoolName("devlogs-postgres");
    // Named, not looked up through DriverManager (see registerDriver).
    config.setDriverClassName("org.postgresql.Driver");
    config.setJdbcUrl(jdbcUrl);
    config.setDataSourceProperties(properties);
    config.setMaximumPoolSize(maxConnections);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS * 1000L);
    config.setInitializationFailTimeout(-1);
    return new ProjectsDatabase(jdbcUrl, properties, new HikariDataSource(config));
  }

  private static Properties properties(String jdbcUrl, String user, String password) {
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
    return props;
  }

  /**
   * The database of {@link PostgresKeys#URL}, {@link PostgresKeys#USER}, {@link
   * PostgresKeys#PASSWORD}.
   */
  public static ProjectsDatabase connect(Settings settings) {
    return PostgresOptions.from(settings).connect();
  }

  /** {@link #connect(Settings)} with a pool of {@link PostgresKeys#POOL_SIZE} connections. */
  public static ProjectsDatabase pooled(Settings settings) {
    return PostgresOptions.from(settings).pooled(settings.get(PostgresKeys.POOL_SIZE));
  }

  /**
   * A connection for one unit of work, for the caller to close: from the pool when this database
   * has one (closing gives it back), else a new one. Request paths use this: a new connection per
   * call costs PostgreSQL a process and an authentication each time.
   */
  public Connection connection() throws SQLException {
    return pool != null ? pool.getConnection() : openConnection();
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
    try (Connection connection = connection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not " + what + " in PostgreSQL at " + jdbcUrl + ": " + e.getMessage(), e);
    }
  }

  /** Closes the pooled connections; a database without a pool holds none. */
  @Override
  public void close() {
    if (pool != null) {
      pool.close();
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
