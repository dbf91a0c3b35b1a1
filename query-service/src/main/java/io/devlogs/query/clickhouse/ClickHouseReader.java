package io.devlogs.query.clickhouse;

import io.devlogs.http.ApiException;
import io.devlogs.http.ErrorCode;
import io.devlogs.query.http.BackendException;
import io.devlogs.query.ops.StoreOutcome;
import io.devlogs.query.ops.StoreTimer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import javax.sql.DataSource;
import ru.yandex.clickhouse.ClickHouseDataSource;
import ru.yandex.clickhouse.ClickHousePreparedStatementImpl;
import ru.yandex.clickhouse.ClickHouseStatementImpl;
import ru.yandex.clickhouse.except.ClickHouseException;
import ru.yandex.clickhouse.settings.ClickHouseProperties;

/**
 * Runs read-only statements on ClickHouse with the {@link ClickHouseLimits} sent as settings of
 * each request, and turns failures into API errors: a query over a limit is 422 {@code
 * query_too_large}, anything else 503 {@code backend_unavailable}.
 *
 * <p>Uses the legacy {@code ru.yandex} driver, the one that works with ClickHouse 18.16. It binds
 * parameters by escaping them into the SQL text (quotes, backslashes, NUL, backticks), and its
 * result set reads the HTTP response as it arrives, so large results stream.
 */
public final class ClickHouseReader {
  /**
   * ClickHouse error codes of limits: 158 TOO_MANY_ROWS (max_rows_to_read), 159 TIMEOUT_EXCEEDED,
   * 160 TOO_SLOW, 241 MEMORY_LIMIT_EXCEEDED, 307 TOO_MANY_BYTES, 396 TOO_MANY_ROWS_OR_BYTES
   * (max_result_rows). Each was checked on 18.16 except 160 and 307.
   */
  static final Set<Integer> LIMIT_ERRORS = Set.of(158, 159, 160, 241, 307, 396);

  private final DataSource dataSource;
  private final ClickHouseLimits limits;
  private final StoreTimer timer;

  /**
   * The one connection every statement goes through, opened on first use. The legacy driver's
   * connection is an HTTP client with a pool of keep-alive sockets, safe for concurrent statements;
   * opening one per statement built a new HTTP client, a new socket and an extra {@code SELECT
   * timezone()} round trip for every statement. A statement that meets a socket ClickHouse closed
   * after its keep-alive timeout is sent again by the driver's client (its retry handler's case).
   */
  private Connection connection;

  /** A reader that times nothing. */
  public ClickHouseReader(DataSource dataSource, ClickHouseLimits limits) {
    this(dataSource, limits, StoreTimer.NONE);
  }

  /** A reader that records each statement's time and outcome with {@code timer}. */
  public ClickHouseReader(DataSource dataSource, ClickHouseLimits limits, StoreTimer timer) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.timer = Objects.requireNonNull(timer, "timer");
  }

  /**
   * A data source for the legacy driver: uncompressed responses (18.16 sends empty bodies
   * otherwise) and a socket timeout longer than any query may run, so ClickHouse's own limit fires
   * first and names the problem.
   */
  public static DataSource dataSource(
      String jdbcUrl, String user, String password, ClickHouseLimits limits) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("compress", "false");
    int longest = Math.max(limits.maxExecutionSeconds(), limits.exportMaxExecutionSeconds());
    properties.setProperty("socket_timeout", Long.toString((longest + 15L) * 1000));
    return new ClickHouseDataSource(jdbcUrl, properties);
  }

  /** Reads the rows of a statement. */
  @FunctionalInterface
  public interface RowsReader<T> {
    T read(ResultSet rows) throws SQLException, IOException;
  }

  /**
   * Runs a bounded query (search page, counts, lookup) whose result has at most {@code
   * maxResultRows} rows. ClickHouse answers only once the query has finished, so a limit hit late
   * is still a clean error rather than a truncated body.
   */
  public <T> T query(SqlQuery query, long maxResultRows, RowsReader<T> reader) {
    Map<String, String> settings = settings(limits.maxExecutionSeconds(), maxResultRows);
    settings.put("wait_end_of_query", "1");
    return run(query, settings, reader);
  }

  /** Asks ClickHouse a trivial query; throws {@link BackendException} when it does not answer. */
  public void ping() {
    query(new SqlQuery("SELECT 1", List.of()), 1, rows -> rows.next());
  }

  /** Maps the current row of a result set to a value. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  /** {@link #query} that maps every row with {@code mapper}, in order. */
  public <T> List<T> list(SqlQuery query, long maxResultRows, RowMapper<T> mapper) {
    return query(
        query,
        maxResultRows,
        rows -> {
          List<T> out = new ArrayList<>();
          while (rows.next()) {
            out.add(mapper.map(rows));
          }
          return out;
        });
  }

  /**
   * Runs a query whose rows the reader streams to a client as they arrive. Errors before the first
   * row are thrown as usual; a limit hit later cuts the stream (the reader sees an exception).
   */
  public <T> T stream(SqlQuery query, long maxResultRows, RowsReader<T> reader) {
    return run(query, settings(limits.exportMaxExecutionSeconds(), maxResultRows), reader);
  }

  /** The settings sent with a request; pure. */
  Map<String, String> settings(int maxExecutionSeconds, long maxResultRows) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("max_execution_time", Integer.toString(maxExecutionSeconds));
    settings.put("max_rows_to_read", Long.toString(limits.maxRowsToRead()));
    settings.put("max_memory_usage", Long.toString(limits.maxMemoryBytes()));
    settings.put("max_result_rows", Long.toString(maxResultRows));
    settings.put("result_overflow_mode", "throw");
    return settings;
  }

  private <T> T run(SqlQuery query, Map<String, String> settings, RowsReader<T> reader) {
    long start = System.nanoTime();
    StoreOutcome outcome = StoreOutcome.ERROR;
    try {
      T result = runUntimed(query, settings, reader);
      outcome = StoreOutcome.OK;
      return result;
    } catch (ApiException e) {
      outcome = StoreOutcome.LIMIT;
      throw e;
    } finally {
      timer.record((System.nanoTime() - start) / 1e9, outcome);
    }
  }

  private <T> T runUntimed(SqlQuery query, Map<String, String> settings, RowsReader<T> reader) {
    try (PreparedStatement statement = connection().prepareStatement(query.sql())) {
      ClickHouseStatementImpl clickHouse = statement.unwrap(ClickHouseStatementImpl.class);
      settings.forEach(clickHouse::option);
      bind(statement, query.parameters());
      try (ResultSet rows = statement.executeQuery()) {
        return reader.read(rows);
      }
    } catch (SQLException e) {
      throw translate(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The shared connection; opened again if it could not be opened before (ClickHouse down). */
  private synchronized Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = dataSource.getConnection();
    }
    return connection;
  }

  /**
   * The statement's text as the driver sends it: its parameters bound and escaped into the SQL the
   * way {@link #query} binds them. Needs no server; tests run it on another ClickHouse version.
   */
  public static String boundSql(SqlQuery query) {
    try {
      ClickHousePreparedStatementImpl statement =
          new ClickHousePreparedStatementImpl(
              null,
              null,
              new ClickHouseProperties(),
              query.sql(),
              TimeZone.getTimeZone("UTC"),
              ResultSet.TYPE_FORWARD_ONLY);
      bind(statement, query.parameters());
      return statement.asSql();
    } catch (SQLException e) {
      throw new IllegalArgumentException("cannot bind the parameters of " + query.sql(), e);
    }
  }

  /** 422 for a ClickHouse limit error anywhere in the cause chain, else 503. */
  static RuntimeException translate(SQLException failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ClickHouseException clickHouse
          && LIMIT_ERRORS.contains(clickHouse.getErrorCode())) {
        return new ApiException(
            ErrorCode.QUERY_TOO_LARGE,
            "the query exceeded a ClickHouse limit (time, rows read, memory or result size);"
                + " narrow the time range or add filters");
      }
    }
    return new BackendException("ClickHouse", failure);
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
