package io.devlogs.e2e;

import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.ClickHouseKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import ru.yandex.clickhouse.ClickHouseDataSource;

/**
 * Selects over one project's rows in the stack's ClickHouse, read directly over JDBC: each
 * statement takes the project id as its one parameter.
 */
final class ProjectRowsInClickHouse {
  /** Reads one row of an answer. */
  interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  private final ClickHouseDataSource clickHouse;

  ProjectRowsInClickHouse(Settings settings) {
    String url = settings.get(ClickHouseKeys.URL);
    Properties properties = new Properties();
    properties.setProperty("user", settings.get(ClickHouseKeys.USER));
    properties.setProperty("password", settings.get(ClickHouseKeys.PASSWORD));
    // ClickHouse 18.16 answers compressed requests with an empty body.
    this.clickHouse =
        new ClickHouseDataSource(
            url + (url.contains("?") ? "&" : "?") + "compress=false", properties);
  }

  /** Hands every row of the answer to the reader. */
  void query(String sql, String project, RowReader reader) {
    try (Connection c = clickHouse.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, project);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          reader.read(rs);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("ClickHouse: " + sql, e);
    }
  }

  /** The first column of the answer's one row, e.g. a {@code count()}. */
  long queryLong(String sql, String project) {
    long[] value = new long[1];
    query(sql, project, rs -> value[0] = rs.getLong(1));
    return value[0];
  }
}
