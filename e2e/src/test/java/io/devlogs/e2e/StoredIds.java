package io.devlogs.e2e;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.devlogs.bench.StreamRows;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.ClickHouseKeys;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import ru.yandex.clickhouse.ClickHouseDataSource;

/**
 * Which event ids of one project the stores behind the job hold, and how often, read directly: the
 * proof of "exactly once" per id, where {@link StoredCounts} compares totals.
 */
final class StoredIds implements AutoCloseable {
  private final ClickHouseDataSource clickHouse;
  private final CqlSession cassandra;
  private final PreparedStatement cassandraIds;

  StoredIds(Settings settings) {
    String url = settings.get(ClickHouseKeys.URL);
    Properties properties = new Properties();
    properties.setProperty("user", settings.get(ClickHouseKeys.USER));
    properties.setProperty("password", settings.get(ClickHouseKeys.PASSWORD));
    // ClickHouse 18.16 answers compressed requests with an empty body.
    this.clickHouse =
        new ClickHouseDataSource(
            url + (url.contains("?") ? "&" : "?") + "compress=false", properties);
    this.cassandra = StreamRows.session(settings);
    this.cassandraIds =
        cassandra.prepare(
            "SELECT event_id FROM "
                + StreamRows.table(StreamRows.keyspace(settings))
                + " WHERE project = ? AND stream = ? AND day = ?");
  }

  /** Rows per event id in ClickHouse {@code events}, without FINAL. */
  Map<String, Long> clickHouse(String project) {
    Map<String, Long> counts = new HashMap<>();
    query(
        "SELECT event_id, count() FROM events WHERE project = ? GROUP BY event_id",
        project,
        rs -> counts.put(rs.getString(1), rs.getLong(2)));
    return counts;
  }

  /** Rows per event id in Cassandra {@code stream_events}, in the given partitions. */
  Map<String, Long> cassandra(String project, Collection<StreamRows.Partition> partitions) {
    Map<String, Long> counts = new HashMap<>();
    for (StreamRows.Partition p : partitions) {
      for (Row row : cassandra.execute(cassandraIds.bind(project, p.stream(), p.day()))) {
        counts.merge(row.getString(0), 1L, Long::sum);
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
    query(
        "SELECT toUInt32(minute), sum(events) FROM event_windows FINAL WHERE project = ?"
            + " GROUP BY minute",
        project,
        rs -> perMinute.put(Instant.ofEpochSecond(rs.getLong(1)), rs.getLong(2)));
    return perMinute;
  }

  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  private void query(String sql, String project, RowReader reader) {
    try (Connection c = clickHouse.getConnection();
        java.sql.PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, project);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          reader.read(rs);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("ClickHouse: " + sql, e);
    }
  }

  @Override
  public void close() {
    cassandra.close();
  }
}
