package io.devlogs.e2e;

import io.devlogs.bench.StreamRows;
import io.devlogs.settings.Settings;
import java.util.ArrayList;
import java.util.List;

/** How many events of one project the stores behind the Flink job hold, read directly. */
final class StoredCounts implements AutoCloseable {
  private final ProjectRowsInClickHouse clickHouse;
  private final StreamRows cassandra;

  StoredCounts(Settings settings) {
    this.clickHouse = new ProjectRowsInClickHouse(settings);
    this.cassandra = StreamRows.connect(settings);
  }

  /** Rows in {@code events}, without FINAL: the exactly-once sink never writes one twice. */
  long clickHouseEvents(String project) {
    return clickHouse.queryLong("SELECT count() FROM events WHERE project = ?", project);
  }

  /** Distinct event ids in {@code events}. */
  long clickHouseDistinctIds(String project) {
    return clickHouse.queryLong(
        "SELECT uniqExact(event_id) FROM events WHERE project = ?", project);
  }

  /** The events counted by the project's minute windows, one row per window (FINAL). */
  long windowEvents(String project) {
    return clickHouse.queryLong(
        "SELECT sum(events) FROM event_windows FINAL WHERE project = ?", project);
  }

  /**
   * Events in Cassandra {@code stream_chunks} (each once, as read), partition by partition: the
   * (stream, day) partitions are those of the project's events in ClickHouse.
   */
  long cassandraRows(String project) {
    List<StreamRows.Partition> partitions = new ArrayList<>();
    clickHouse.query(
        "SELECT DISTINCT stream, toDate(ts) FROM events WHERE project = ?",
        project,
        rs ->
            partitions.add(new StreamRows.Partition(rs.getString(1), rs.getDate(2).toLocalDate())));
    return cassandra.count(project, partitions);
  }

  @Override
  public void close() {
    cassandra.close();
  }
}
