package io.devlogs.schema;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the ClickHouse DDL ({@code ddl/clickhouse/*.sql}) is applied, statement by statement, through
 * any ClickHouse client: the schema tool's JDBC connection to the stack's 18.16 ({@link
 * ClickHouseSchema}), or a test's current ClickHouse ({@code CurrentClickHouse}), so both run the
 * same statements. 18.16 has no {@code ADD COLUMN IF NOT EXISTS}: an {@code ALTER TABLE db.table
 * ADD COLUMN name ...} runs only when {@code system.columns} does not list the column yet.
 */
public final class ClickHouseDdl {

  /** Runs one statement and answers with its rows as TabSeparated text. */
  @FunctionalInterface
  public interface Client {
    String answer(String sql) throws Exception;
  }

  /** {@code ALTER TABLE db.table ADD COLUMN name ...}: database, table, column. */
  static final Pattern ADD_COLUMN =
      Pattern.compile("(?is)ALTER\\s+TABLE\\s+(\\w+)\\.(\\w+)\\s+ADD\\s+COLUMN\\s+(\\w+)\\s.*");

  private ClickHouseDdl() {}

  /** Applies every {@code .sql} file of {@code folder}, in name order; safe to repeat. */
  public static void apply(Path folder, Client clickhouse) throws Exception {
    for (DdlScript script : DdlScript.readAll(folder, ".sql", Map.of())) {
      for (String sql : script.statements()) {
        if (!addsExistingColumn(clickhouse, sql)) {
          clickhouse.answer(sql);
        }
      }
    }
  }

  /** Whether {@code sql} adds a column that the table has already. */
  static boolean addsExistingColumn(Client clickhouse, String sql) throws Exception {
    Matcher add = ADD_COLUMN.matcher(sql);
    if (!add.matches()) {
      return false;
    }
    String count =
        clickhouse.answer(
            "SELECT count() FROM system.columns WHERE database = '"
                + add.group(1)
                + "' AND table = '"
                + add.group(2)
                + "' AND name = '"
                + add.group(3)
                + "'");
    return Long.parseLong(count.strip()) > 0;
  }
}
