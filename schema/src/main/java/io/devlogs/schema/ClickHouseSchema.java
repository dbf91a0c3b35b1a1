package io.devlogs.schema;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Applies {@code ddl/clickhouse/*.sql} ({@link ClickHouseDdl}) over JDBC. It connects to the server
 * without selecting a database, since the first statement creates it.
 */
final class ClickHouseSchema implements SchemaTarget {
  private static final String JDBC_PREFIX = "jdbc:clickhouse://";

  private final String serverUrl;
  private final String user;
  private final String password;

  ClickHouseSchema(String jdbcUrl, String user, String password) {
    this.serverUrl = serverUrl(jdbcUrl);
    this.user = user;
    this.password = password;
  }

  /**
   * {@code jdbc:clickhouse://host:port/db?x=y} becomes {@code
   * jdbc:clickhouse://host:port?compress=false}: ClickHouse 18.16 answers compressed requests with
   * an empty body.
   */
  static String serverUrl(String jdbcUrl) {
    if (!jdbcUrl.startsWith(JDBC_PREFIX)) {
      throw new IllegalArgumentException(
          "clickhouse.url must look like jdbc:clickhouse://host:port/database, got " + jdbcUrl);
    }
    URI uri = URI.create("http://" + jdbcUrl.substring(JDBC_PREFIX.length()));
    int port = uri.getPort() == -1 ? 8123 : uri.getPort();
    return JDBC_PREFIX + uri.getHost() + ":" + port + "?compress=false";
  }

  @Override
  public String name() {
    return "clickhouse";
  }

  @Override
  public void apply(Path folder) throws Exception {
    Properties credentials = new Properties();
    credentials.setProperty("user", user);
    credentials.setProperty("password", password);
    // The 0.3.2 jar registers the new com.clickhouse driver with DriverManager, which needs
    // ClickHouse 20.7+; the legacy driver in the same jar is the one that talks to 18.16.
    try (Connection connection =
            new ru.yandex.clickhouse.ClickHouseDriver().connect(serverUrl, credentials);
        Statement statement = connection.createStatement()) {
      ClickHouseDdl.apply(folder, sql -> answer(statement, sql));
    }
  }

  /** Runs a statement; its rows, if any, as TabSeparated text. */
  private static String answer(Statement statement, String sql) throws SQLException {
    if (!statement.execute(sql) || statement.getResultSet() == null) {
      return "";
    }
    StringBuilder tsv = new StringBuilder();
    try (ResultSet rows = statement.getResultSet()) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        for (int column = 1; column <= columns; column++) {
          tsv.append(column == 1 ? "" : "\t").append(rows.getString(column));
        }
        tsv.append('\n');
      }
    }
    return tsv.toString();
  }
}
