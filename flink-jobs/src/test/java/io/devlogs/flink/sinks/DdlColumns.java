package io.devlogs.flink.sinks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a ClickHouse table, in order, as {@code schema/ddl/clickhouse} declares it: what
 * the sink's row formats must write, read from the DDL instead of copied into the tests.
 */
final class DdlColumns {
  private static final Path CLICKHOUSE_DDL = Path.of("..", "schema", "ddl", "clickhouse");

  private DdlColumns() {}

  /**
   * The columns of {@code table} in {@code file} that a row format writes: all but {@code
   * sink_batch}, which the sink's committer sets when it copies a batch in.
   */
  static List<String> writtenByTheSink(String file, String table) {
    List<String> columns = new ArrayList<>();
    boolean inTable = false;
    for (String line : lines(file)) {
      String trimmed = line.strip();
      if (!inTable) {
        inTable = trimmed.equals("CREATE TABLE IF NOT EXISTS " + table + " (");
      } else if (trimmed.startsWith(")")) {
        break;
      } else if (!trimmed.isEmpty() && !trimmed.startsWith("--")) {
        columns.add(trimmed.split("\\s+", 2)[0]);
      }
    }
    if (columns.isEmpty()) {
      throw new IllegalStateException("no CREATE TABLE " + table + " in " + file);
    }
    columns.addAll(addedLater(table));
    columns.remove("sink_batch");
    return columns;
  }

  private static List<String> lines(String file) {
    try {
      return Files.readAllLines(CLICKHOUSE_DDL.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Columns later files add to {@code table} ({@code ALTER TABLE table ADD COLUMN name ...}). */
  private static List<String> addedLater(String table) {
    List<String> added = new ArrayList<>();
    try (var files = Files.list(CLICKHOUSE_DDL)) {
      for (Path file : files.sorted().toList()) {
        for (String line : Files.readAllLines(file)) {
          String prefix = "ALTER TABLE " + table + " ADD COLUMN ";
          if (line.startsWith(prefix)) {
            added.add(line.substring(prefix.length()).split("\\s+", 2)[0]);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return added;
  }
}
