package io.devlogs.query.clickhouse;

import io.devlogs.query.http.ApiException;
import io.devlogs.query.http.BackendException;
import io.devlogs.query.logs.ClickHouseLogSearch.SqlQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import ru.yandex.clickhouse.ClickHousePreparedStatement;

/**
 * Runs a read-only ClickHouse query with bound parameters under {@link ClickHouseLimits}. A query
 * ClickHouse stops for exceeding a limit is a 422 {@code query_too_large} telling the client to
 * narrow it; any other failure is a {@link BackendException} (503).
 */
public final class LimitedClickHouse {

  /** Maps the current row of a result set to a value. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  /**
   * ClickHouse error codes of a query stopped by a limit: TOO_MANY_ROWS (158), TIMEOUT_EXCEEDED
   * (159, also what the driver reports for a socket timeout), TOO_SLOW (160), MEMORY_LIMIT_EXCEEDED
   * (241), TOO_MANY_BYTES (307), TOO_MANY_ROWS_OR_BYTES (396, newer servers).
   */
  static final Set<Integer> LIMIT_ERRORS = Set.of(158, 159, 160, 241, 307, 396);

  private final DataSource dataSource;
  private final ClickHouseLimits limits;

  public LimitedClickHouse(DataSource dataSource, ClickHouseLimits limits) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** The rows of {@code query}, which must return at most {@code maxResultRows} rows. */
  public <T> List<T> query(SqlQuery query, long maxResultRows, RowMapper<T> mapper) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(query.sql())) {
      bind(statement, query.parameters());
      List<T> rows = new ArrayList<>();
      // The legacy driver sends these extra request parameters as the query's settings.
      try (ResultSet result =
          statement
              .unwrap(ClickHousePreparedStatement.class)
              .executeQuery(
                  statement.unwrap(ClickHousePreparedStatement.class).asSql(),
                  null,
                  null,
                  limits.settings(maxResultRows))) {
        while (result.next()) {
          rows.add(mapper.map(result));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  /** 422 for a query stopped by a limit, else 503. */
  static RuntimeException translate(SQLException e) {
    if (LIMIT_ERRORS.contains(e.getErrorCode())) {
      return new ApiException(
          422,
          "query_too_large",
          "the query exceeded the server's time, row or memory limits; narrow the time range or"
              + " add filters");
    }
    return new BackendException("ClickHouse", e);
  }

  private static void bind(PreparedStatement statement, List<Object> parameters)
      throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      Object value = parameters.get(i);
      int index = i + 1;
      if (value instanceof String s) {
        statement.setString(index, s);
      } else if (value instanceof Long l) {
        statement.setLong(index, l);
      } else if (value instanceof Integer n) {
        statement.setInt(index, n);
      } else {
        throw new IllegalArgumentException("unsupported parameter type " + value.getClass());
      }
    }
  }
}
