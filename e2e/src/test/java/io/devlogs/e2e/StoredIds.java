package io.devlogs.e2e;

import io.devlogs.bench.StreamRows;
import io.devlogs.settings.Settings;
import io.devlogs.streams.StreamChunkEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which event ids of one project the stores behind the job hold, and how often, read directly: the
 * proof of "exactly once" per id, where {@link StoredCounts} compares totals.
 */
final class StoredIds implements AutoCloseable {
  private final ProjectRowsInClickHouse clickHouse;
  private final StreamRows cassandra;

  StoredIds(Settings settings) {
    this.clickHouse = new ProjectRowsInClickHouse(settings);
    this.cassandra = StreamRows.connect(settings);
  }

  /** Rows per event id in ClickHouse {@code events}, without FINAL. */
  Map<String, Long> clickHouse(String project) {
    Map<String, Long> counts = new HashMap<>();
    clickHouse.query(
        "SELECT event_id, count() FROM events WHERE project = ? GROUP BY event_id",
        project,
        rs -> counts.put(rs.getString(1), rs.getLong(2)));
    return counts;
  }

  /**
   * Events per event id in Cassandra {@code stream_chunks}, in the given partitions, as the query
   * service reads them (an event stored in two chunks by a replay is read once; the same id at two
   * times is two events, as two rows of {@code stream_events} were).
   */
  Map<String, Long> cassandra(String project, Collection<StreamRows.Partition> partitions) {
    Map<String, Long> counts = new HashMap<>();
    for (StreamRows.Partition p : partitions) {
      for (StreamChunkEvent e : cassandra.events(project, p)) {
        counts.merge(e.eventId(), 1L, Long::sum);
      }
    }
    return counts;
  }

  /**
   * Events per minute in {@code event_windows FINAL} (one row per window), over all services and
   * levels.
   */
  SortedMap<Instant, Long> windowEventsPerMinute(String project) {
    SortedMap<Instant, Long> perMinute = new TreeMap<>();
    clickHouse.query(
        "SELECT toUInt32(minute), sum(events) FROM event_windows FINAL WHERE project = ?"
            + " GROUP BY minute",
        project,
        rs -> perMinute.put(Instant.ofEpochSecond(rs.getLong(1)), rs.getLong(2)));
    return perMinute;
  }

  @Override
  public void close() {
    cassandra.close();
  }
}
