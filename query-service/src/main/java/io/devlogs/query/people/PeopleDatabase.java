package io.devlogs.query.people;

import io.devlogs.projects.ProjectsDatabase;
import io.devlogs.query.http.BackendException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The stores of people run their SQL here, on the database of projects and keys: one short
 * connection per call (as {@link ProjectsDatabase} does), a transaction where a call writes several
 * rows. A failure of PostgreSQL becomes a {@link BackendException} (503 with Retry-After).
 */
public final class PeopleDatabase {
  private static final String UNIQUE_VIOLATION = "23505";

  /** One unit of work on a connection. */
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final ProjectsDatabase database;

  public PeopleDatabase(ProjectsDatabase database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  public ProjectsDatabase projects() {
    return database;
  }

  /** Runs the work with auto-commit. */
  public <T> T run(Work<T> work) {
    try (Connection connection = database.connection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new BackendException("postgresql", e);
    }
  }

  /** Runs the work in one transaction, rolled back if it throws. */
  public <T> T transaction(Work<T> work) {
    try (Connection connection = database.connection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new BackendException("postgresql", e);
    }
  }

  static boolean isUniqueViolation(SQLException e) {
    return UNIQUE_VIOLATION.equals(e.getSQLState());
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /**
   * Whole milliseconds in UTC: PostgreSQL keeps microseconds, Java's clock may have nanoseconds.
   */
  public static OffsetDateTime timestamp(Instant instant) {
    return instant == null
        ? null
        : instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
  }
}
