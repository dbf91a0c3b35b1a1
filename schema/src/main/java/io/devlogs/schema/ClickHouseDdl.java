package io.devlogs.schema;

import java.nio.file.Path;
import java.util.Map;

/**
 * How the ClickHouse DDL ({@code ddl/clickhouse/*.sql}) is applied, statement by statement, through
 * any ClickHouse client: the schema tool's JDBC connection to the stack's 18.16 ({@link
 * ClickHouseSchema}), or a test's current ClickHouse ({@code CurrentClickHouse}), so both run the
 * same statements.
 */
public final class ClickHouseDdl {

  /** Runs one statement and answers with its rows as TabSeparated text. */
  @FunctionalInterface
  public interface Client {
    String answer(String sql) throws Exception;
  }

  private ClickHouseDdl() {}

  /** Applies every {@code .sql} file of {@code folder}, in name order; safe to repeat. */
  public static void apply(Path folder, Client clickhouse) throws Exception {
    for (DdlScript script : DdlScript.readAll(folder, ".sql", Map.of())) {
      for (String sql : script.statements()) {
        clickhouse.answer(sql);
      }
    }
  }
}
