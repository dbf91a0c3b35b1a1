package io.devlogs.schema;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

/** Applies {@code ddl/postgres/*.sql}, each file in one transaction. */
final class PostgresSchema implements SchemaTarget {
  private final String url;
  private final String user;
  private final String password;

  PostgresSchema(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public void apply(Path folder) throws Exception {
    try (Connection connection = DriverManager.getConnection(url, user, password)) {
      connection.setAutoCommit(false);
      for (DdlScript script : DdlScript.readAll(folder, ".sql", Map.of())) {
        try (Statement statement = connection.createStatement()) {
          for (String sql : script.statements()) {
            statement.execute(sql);
          }
        }
        connection.commit();
      }
    }
  }
}
