package io.devlogs.schema;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies {@code ddl/clickhouse/*.sql}. It connects to the server without selecting a database,
 * since the first statement creates it.
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
      for (DdlScript script : DdlScript.readAll(folder, ".sql", Map.of())) {
        for (String sql : script.statements()) {
          if (!addsExistingColumn(statement, sql)) {
            statement.execute(sql);
          }
        }
      }
    }
  }

  /**
   * Whether {@code sql} is an {@code ALTER TABLE db.table ADD COLUMN name ...} whose column exists
   * already: ClickHouse 18.16 has no {@code ADD COLUMN IF NOT EXISTS}, so the tool checks first.
   */
  static boolean addsExistingColumn(Statement statement, String sql) throws SQLException {
    Matcher add = ADD_COLUMN.matcher(sql);
    if (!add.matches()) {
      return false;
    }
    try (ResultSet rows =
        statement.executeQuery(
            "SELECT count() FROM system.columns WHERE database = '"
                + add.group(1)
                + "' AND table = '"
                + add.group(2)
                + "' AND name = '"
                + add.group(3)
                + "'")) {
      return rows.next() && rows.getLong(1) > 0;
    }
  }

  /** {@code ALTER TABLE db.table ADD COLUMN name ...}: database, table, column. */
  static final Pattern ADD_COLUMN =
      Pattern.compile("(?is)ALTER\\s+TABLE\\s+(\\w+)\\.(\\w+)\\s+ADD\\s+COLUMN\\s+(\\w+)\\s.*");
}
