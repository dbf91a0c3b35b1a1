package io.devlogs.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.testing.CurrentClickHouse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every ClickHouse DDL file, split and applied as the schema tool does ({@link ClickHouseDdl}),
 * runs on a current ClickHouse, twice (the files are idempotent), and creates every table with the
 * columns the 18.16 stack has.
 */
class ClickHouseDdlCurrentClickHouseTest {

  @RegisterExtension static final CurrentClickHouse clickhouse = new CurrentClickHouse();

  private static final Path DDL = Path.of("ddl/clickhouse");

  @Test
  void everyFileAppliesTwiceAndCreatesEveryTable() throws Exception {
    ClickHouseDdl.apply(DDL, clickhouse::execute);
    ClickHouseDdl.apply(DDL, clickhouse::execute);

    assertThat(lines("SELECT name FROM system.tables WHERE database = 'devlogs' ORDER BY name"))
        .contains(
            "dead_letters",
            "dead_letters_staging",
            "event_hours",
            "event_hours_staging",
            "event_windows",
            "event_windows_staging",
            "events",
            "events_staging",
            "sink_commits");
    // The exactly-once sink copies staging rows into the target by column name: every column
    // of a target but sink_batch is in its staging table.
    for (String target : List.of("events", "event_windows", "event_hours", "dead_letters")) {
      assertThat(columns(target + "_staging"))
          .as(target)
          .containsAll(columns(target).stream().filter(c -> !c.equals("sink_batch")).toList());
    }
  }

  private static List<String> columns(String table) {
    return lines(
        "SELECT name FROM system.columns WHERE database = 'devlogs' AND table = '"
            + table
            + "' ORDER BY position");
  }

  private static List<String> lines(String sql) {
    return clickhouse.execute(sql).lines().toList();
  }
}
