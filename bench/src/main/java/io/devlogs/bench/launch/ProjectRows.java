package io.devlogs.bench.launch;

import io.devlogs.flink.sinks.clickhouse.ClickHouseHttp;
import io.devlogs.ops.CommandFailed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Deletes a benchmark project's rows: in ClickHouse by project, in Cassandra the partitions the run
 * listed in its partitions file as it filled them.
 */
final class ProjectRows {
  private static final List<String> TABLES =
      List.of("events", "event_windows", "event_hours", "events_staging");

  private final BenchContext context;
  private final ClickHouseHttp clickHouse;

  ProjectRows(BenchContext context, ClickHouseHttp clickHouse) {
    this.context = context;
    this.clickHouse = clickHouse;
  }

  void delete(String project, Path partitionsFile, Path log) {
    for (String table : TABLES) {
      try {
        String delete =
            "ALTER TABLE devlogs." + table + " DELETE WHERE project = '" + project + "'";
        Bench.clickHouse(() -> clickHouse.execute(delete, null));
      } catch (CommandFailed e) {
        Bench.appendLog(log, e.getMessage());
      }
    }
    if (nonEmpty(partitionsFile)) {
      JavaMain.Result deleted =
          JavaMain.ofThisClasspath(
                  "io.devlogs.bench.BenchStreamRows",
                  List.of("delete", "--project=" + project, "--partitions-file=" + partitionsFile))
              .run(log);
      if (!deleted.ok()) {
        context.progress().warn("deleting the Cassandra rows failed; see " + log);
      }
    }
  }

  private static boolean nonEmpty(Path file) {
    try {
      return Files.isRegularFile(file) && Files.size(file) > 0;
    } catch (IOException e) {
      return false;
    }
  }
}
