package io.devlogs.query.alerts;

import io.devlogs.http.ApiException;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens connections to the PostgreSQL database of projects, where rules, silences, history,
 * receivers and notification records live ({@code ProjectsDatabase::connection}, pooled).
 */
@FunctionalInterface
public interface Connections {
  Connection open() throws SQLException;

  /** One unit of work on a connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs the work on a connection of its own; a database failure becomes 503 {@code
   * backend_unavailable} naming PostgreSQL, with the cause in the log only.
   */
  default <T> T run(String what, Work<T> work) {
    try (Connection connection = open()) {
      return work.run(connection);
    } catch (SQLException e) {
      Logger log = LoggerFactory.getLogger(Connections.class);
      log.warn("PostgreSQL failed to {}", what, e);
      throw ApiException.unavailable("postgresql", "PostgreSQL did not answer; retry later");
    }
  }

  /** A database that is not configured: every call fails with 503. */
  static Connections unavailable() {
    return () -> {
      throw new SQLException("alerts are not configured on this server");
    };
  }
}
