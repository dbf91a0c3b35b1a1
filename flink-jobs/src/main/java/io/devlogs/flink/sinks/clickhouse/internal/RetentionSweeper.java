package io.devlogs.flink.sinks.clickhouse.internal;

import io.devlogs.flink.sinks.clickhouse.ClickHouseHttp;
import io.devlogs.flink.sinks.clickhouse.ClickHouseRowFormat;
import io.devlogs.flink.sinks.clickhouse.ExactlyOnceClickHouseSink;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the partitions of a table whose rows are all past their retention ({@link
 * ClickHouseRowFormat#expired}): ClickHouse 18.16 has no TTL, and dropping a whole partition is a
 * metadata operation, unlike an {@code ALTER DELETE} mutation that rewrites parts.
 *
 * <p>{@link ExactlyOnceClickHouseSink} runs it from committer subtask 0, one sweep per {@code
 * retentionSweepInterval} (first one interval after start), next to the staging clean-up: one
 * sweeper per job, no extra process to deploy, and the committer already talks to the table. A
 * partition dropped while a commit copies into it is harmless: a copy that lands afterwards is
 * dropped by the next sweep, and a commit being recovered finds its rows gone and copies them again
 * (into the same expired partition), never twice. While the job is down nothing is swept: data is
 * kept longer, never lost early.
 */
final class RetentionSweeper {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);

  private final ClickHouseHttp http;
  private final ClickHouseRowFormat<?> format;
  private final String database;
  private final String table;

  /**
   * @param qualifiedTable {@code database.table}
   */
  RetentionSweeper(ClickHouseHttp http, ClickHouseRowFormat<?> format, String qualifiedTable) {
    int dot = qualifiedTable.indexOf('.');
    if (dot < 1) {
      throw new IllegalArgumentException(
          "qualifiedTable must be database.table, got '" + qualifiedTable + "'");
    }
    this.http = http;
    this.format = format;
    this.database = qualifiedTable.substring(0, dot);
    this.table = qualifiedTable.substring(dot + 1);
  }

  /** Drops every expired partition; returns the partition values dropped. */
  List<Long> sweep(LocalDate today) throws IOException, InterruptedException {
    List<Long> dropped = new ArrayList<>();
    for (String[] row :
        http.select(
            "SELECT DISTINCT partition FROM system.parts WHERE database = '"
                + database
                + "' AND table = '"
                + table
                + "' AND active")) {
      String partition = row[0].replace("'", "");
      if (!partition.matches("[0-9]{1,18}")) {
        continue; // not a single integer key
      }
      long value = Long.parseLong(partition);
      if (format.expired(value, today)) {
        LOG.info("Dropping expired partition {} of {}.{}", value, database, table);
        http.execute("ALTER TABLE " + database + "." + table + " DROP PARTITION " + value, null);
        dropped.add(value);
      }
    }
    return dropped;
  }
}
