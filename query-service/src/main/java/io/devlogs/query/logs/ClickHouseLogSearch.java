package io.devlogs.query.logs;

import io.devlogs.query.http.BackendException;
import io.devlogs.query.records.Level;
import io.devlogs.query.records.LogEvent;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import ru.yandex.clickhouse.ClickHouseDataSource;

/**
 * {@link LogSearch} over ClickHouse {@code devlogs.events}, read with {@code FINAL} so an event
 * replayed into the ReplacingMergeTree counts once. Every user value is a bound parameter; the SQL
 * text depends only on which filters are present and how many levels were asked for. Statements
 * stay valid on ClickHouse 18.16 and current versions.
 */
public final class ClickHouseLogSearch implements LogSearch {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final DataSource dataSource;
  private final int maxExecutionSeconds;

  public ClickHouseLogSearch(DataSource dataSource, int maxExecutionSeconds) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.maxExecutionSeconds = maxExecutionSeconds;
  }

  /**
   * A data source for the legacy {@code ru.yandex} driver, the one that works with ClickHouse
   * 18.16; responses must be uncompressed there.
   */
  public static DataSource dataSource(String jdbcUrl, String user, String password) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("compress", "false");
    return new ClickHouseDataSource(jdbcUrl, properties);
  }

  @Override
  public List<LogEvent> search(String projectId, LogSearchRequest request) {
    SqlQuery query = toSql(projectId, request);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(query.sql())) {
      // The driver sends this as the max_execution_time setting of the request.
      statement.setQueryTimeout(maxExecutionSeconds);
      bind(statement, query.parameters());
      List<LogEvent> events = new ArrayList<>(request.limit());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          events.add(
              toEvent(
                  rows.getString("event_id"),
                  rows.getLong("ts_seconds"),
                  rows.getLong("ts_nanos"),
                  rows.getString("level"),
                  rows.getString("service"),
                  rows.getString("stream"),
                  rows.getString("message"),
                  strings(rows.getArray("attr_keys")),
                  strings(rows.getArray("attr_values"))));
        }
      }
      return events;
    } catch (SQLException e) {
      throw new BackendException("ClickHouse", e);
    }
  }

  /** SQL text with {@code ?} placeholders and the values to bind, in order. */
  public record SqlQuery(String sql, List<Object> parameters) {}

  /** Builds the search statement; pure. */
  public static SqlQuery toSql(String projectId, LogSearchRequest request) {
    Objects.requireNonNull(projectId, "projectId");
    Instant from = request.range().from();
    Instant to = request.range().to();
    List<Object> parameters = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder(
            "SELECT event_id, toUInt32(ts) AS ts_seconds, ts_nanos, level, service, stream,"
                + " message, attr_keys, attr_values"
                + " FROM devlogs.events FINAL"
                + " WHERE project = ?");
    parameters.add(projectId);
    // Whole seconds on ts first (uses the primary key and partition pruning), then the exact
    // nanosecond bounds of the half-open range [from, to).
    sql.append(" AND ts >= toDateTime(?) AND ts <= toDateTime(?)");
    parameters.add(from.getEpochSecond());
    parameters.add(to.getEpochSecond());
    sql.append(" AND toUInt64(ts) * 1000000000 + ts_nanos >= ?");
    parameters.add(epochNanos(from));
    sql.append(" AND toUInt64(ts) * 1000000000 + ts_nanos < ?");
    parameters.add(epochNanos(to));
    if (!request.levels().isEmpty()) {
      List<Level> levels = request.levels().stream().sorted().toList();
      sql.append(" AND level IN (")
          .append(levels.stream().map(l -> "?").collect(Collectors.joining(", ")))
          .append(")");
      levels.forEach(level -> parameters.add(level.name()));
    }
    request
        .service()
        .ifPresent(
            service -> {
              sql.append(" AND service = ?");
              parameters.add(service);
            });
    request
        .text()
        .ifPresent(
            text -> {
              sql.append(" AND positionCaseInsensitiveUTF8(message, ?) > 0");
              parameters.add(text);
            });
    sql.append(" ORDER BY ts DESC, ts_nanos DESC, event_id LIMIT ?");
    parameters.add(request.limit());
    return new SqlQuery(sql.toString(), Collections.unmodifiableList(parameters));
  }

  /** Maps one row to the API event; attributes are zipped from the two arrays. Pure. */
  public static LogEvent toEvent(
      String eventId,
      long tsSeconds,
      long tsNanos,
      String level,
      String service,
      String stream,
      String message,
      String[] attrKeys,
      String[] attrValues) {
    Map<String, String> attributes = new LinkedHashMap<>();
    int pairs = Math.min(attrKeys.length, attrValues.length);
    for (int i = 0; i < pairs; i++) {
      attributes.put(attrKeys[i], attrValues[i]);
    }
    return new LogEvent(
        eventId,
        Instant.ofEpochSecond(tsSeconds, tsNanos),
        level,
        service,
        stream,
        message,
        Collections.unmodifiableMap(attributes));
  }

  private static long epochNanos(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
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

  private static String[] strings(Array array) throws SQLException {
    if (array == null) {
      return new String[0];
    }
    Object values = array.getArray();
    if (values instanceof String[] strings) {
      return strings;
    }
    Object[] objects = (Object[]) values;
    String[] out = new String[objects.length];
    for (int i = 0; i < objects.length; i++) {
      out[i] = objects[i] == null ? null : objects[i].toString();
    }
    return out;
  }
}
