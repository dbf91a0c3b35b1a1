package io.devlogs.flink.sinks.clickhouse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.devlogs.flink.TestOptions;
import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.sinks.ClickHouseEventFormat;
import io.devlogs.flink.sinks.clickhouse.ClickHouseEndpoint;
import io.devlogs.flink.sinks.clickhouse.ClickHouseHttp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RetentionSweeper} against the real local ClickHouse, on a table of its own with the
 * structure of {@code events} ({@code CREATE TABLE ... AS events}), so sweeping never touches other
 * tests' rows: partitions past their retention are dropped, all others stay.
 */
class RetentionSweeperIT {

  private final ClickHouseEventFormat format = new ClickHouseEventFormat();
  private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
  private ClickHouseHttp http;
  private String table;

  @BeforeEach
  void setUp() throws Exception {
    PipelineOptions options = TestOptions.options(new java.util.HashMap<>());
    ClickHouseEndpoint endpoint =
        ClickHouseEndpoint.fromJdbcUrl(
            options.clickhouse().url(),
            options.clickhouse().user(),
            options.clickhouse().password());
    http = new ClickHouseHttp(endpoint, Duration.ofMinutes(1));
    table = endpoint.qualify("events_sweep_it_" + TestOptions.randomBase62(10));
    http.execute("CREATE TABLE " + table + " AS " + endpoint.qualify("events"), null);
  }

  @AfterEach
  void tearDown() throws Exception {
    http.execute("DROP TABLE IF EXISTS " + table, null);
  }

  @Test
  void dropsExactlyThePartitionsPastTheirRetention() throws Exception {
    insert(7, today.minusDays(30)); // expired
    insert(30, today.minusDays(31)); // expired
    insert(30, today.minusDays(30)); // its last day
    insert(365, today.minusDays(300));
    insert(7, today);
    insert(7, today.minusDays(7));
    insert(7, today.minusDays(8)); // expired

    List<Long> dropped = new RetentionSweeper(http, format, table).sweep(today);

    assertThat(dropped)
        .containsExactlyInAnyOrder(
            key(7, today.minusDays(30)), key(30, today.minusDays(31)), key(7, today.minusDays(8)));
    assertThat(partitionsWithRows())
        .containsExactlyInAnyOrder(
            key(30, today.minusDays(30)),
            key(365, today.minusDays(300)),
            key(7, today),
            key(7, today.minusDays(7)));
    assertThat(new RetentionSweeper(http, format, table).sweep(today)).isEmpty();
  }

  private void insert(int retentionDays, LocalDate day) throws Exception {
    http.execute(
        "INSERT INTO "
            + table
            + " (project, ts, event_id, level, retention_days) VALUES ('p_sweep', '"
            + day
            + " 12:00:00', 'e', 'INFO', "
            + retentionDays
            + ")",
        null);
  }

  private List<Long> partitionsWithRows() throws Exception {
    List<Long> keys = new ArrayList<>();
    for (String[] row :
        http.select(
            "SELECT DISTINCT toInt64(" + format.partitionExpression() + ") FROM " + table)) {
      keys.add(Long.parseLong(row[0]));
    }
    return keys;
  }

  private static long key(int retentionDays, LocalDate day) {
    return retentionDays * ClickHouseEventFormat.RETENTION_FACTOR
        + day.getYear() * 10_000L
        + day.getMonthValue() * 100L
        + day.getDayOfMonth();
  }
}
