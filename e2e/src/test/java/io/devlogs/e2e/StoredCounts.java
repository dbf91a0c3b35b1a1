package io.devlogs.e2e;

import io.devlogs.bench.StreamRows;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.ClickHouseKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import ru.yandex.clickhouse.ClickHouseDataSource;

/** How many events of one project the stores behind the Flink job hold, read directly. */
final class StoredCounts implements AutoCloseable {
  private final ClickHouseDataSource clickHouse;
  private final StreamRows cassandra;

  StoredCounts(Settings settings) {
    String url = settings.get(ClickHouseKeys.URL);
    Properties properties = new Properties();
    properties.setProperty("user", settings.get(ClickHouseKeys.USER));
    properties.setProperty("password", settings.get(ClickHouseKeys.PASSWORD));
    // ClickHouse 18.16 answers compressed requests with an empty body.
    this.clickHouse =
        new ClickHouseDataSource(
            url + (url.contains("?") ? "&" : "?") + "compress=false", properties);
    this.cassandra = StreamRows.connect(settings);
  }

  /** Rows in {@code events}, without FINAL: the exactly-once sink never writes one twice. */
  long clickHouseEvents(String project) {
    return clickHouseLong("SELECT count() FROM events WHERE project = ?", project);
  }

  /** Distinct event ids in {@code events}. */
  long clickHouseDistinctIds(String project) {
    return clickHouseLong("SELECT uniqExact(event_id) FROM events WHERE project = ?", project);
  }

  /** The events counted by the project's minute windows, one row per window (FINAL). */
  long windowEvents(String project) {
    return clickHouseLong("SELECT sum(events) FROM event_windows FINAL WHERE project = ?", project);
  }

  /**
   * Rows in Cassandra {@code stream_events}, read partition by partition: the (stream, day)
   * partitions are those of the project's events in ClickHouse.
   */
  long cassandraRows(String project) {
    List<StreamRows.Partition> partitions = new ArrayList<>();
    try (Connection c = clickHouse.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT DISTINCT stream, toDate(ts) FROM events WHERE project = ?")) {
      s.setString(1, project);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          partitions.add(new StreamRows.Partition(rs.getString(1), rs.getDate(2).toLocalDate()));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return cassandra.count(project, partitions);
  }

  private long clickHouseLong(String sql, String project) {
    try (Connection c = clickHouse.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, project);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
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
