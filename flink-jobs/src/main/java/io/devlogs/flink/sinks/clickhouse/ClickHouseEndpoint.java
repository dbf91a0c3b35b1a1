package io.devlogs.flink.sinks.clickhouse;

import java.io.Serializable;
import java.net.URI;
import java.util.Objects;

/**
 * Where the sink talks to ClickHouse: the server's HTTP interface, the database holding its tables,
 * and the writing user.
 *
 * @param httpUri e.g. {@code http://127.0.0.1:8123/}
 * @param database e.g. {@code devlogs}
 * @param user e.g. {@code default}
 * @param password may be empty
 */
public record ClickHouseEndpoint(URI httpUri, String database, String user, String password)
    implements Serializable {

  private static final String JDBC_PREFIX = "jdbc:clickhouse://";

  public ClickHouseEndpoint {
    Objects.requireNonNull(httpUri, "httpUri");
    if (database == null || !database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException(
          "ClickHouse database '" + database + "' is not a plain identifier, e.g. devlogs");
    }
    Objects.requireNonNull(user, "user");
    password = password == null ? "" : password;
  }

  /**
   * The endpoint of a {@code jdbc:clickhouse://host:port/database?...} URL (the contract's {@code
   * clickhouse.url}); the database defaults to {@code default}, the port to 8123.
   */
  public static ClickHouseEndpoint fromJdbcUrl(String jdbcUrl, String user, String password) {
    if (jdbcUrl == null || !jdbcUrl.startsWith(JDBC_PREFIX)) {
      throw new IllegalArgumentException(
          "clickhouse.url must look like jdbc:clickhouse://host:port/database, got " + jdbcUrl);
    }
    URI uri = URI.create("http://" + jdbcUrl.substring(JDBC_PREFIX.length()));
    int port = uri.getPort() == -1 ? 8123 : uri.getPort();
    String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
    return new ClickHouseEndpoint(
        URI.create("http://" + uri.getHost() + ":" + port + "/"),
        path.isEmpty() ? "default" : path,
        user,
        password);
  }

  /** {@code database.table}. */
  public String qualify(String table) {
    return table.contains(".") ? table : database + "." + table;
  }

  @Override
  public String toString() {
    return "ClickHouseEndpoint[" + httpUri + ", database=" + database + ", user=" + user + "]";
  }
}
