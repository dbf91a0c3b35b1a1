package io.devlogs.query;

import io.devlogs.query.clickhouse.ClickHouseLimits;
import io.devlogs.query.load.LoadOptions;
import io.devlogs.query.status.StatusBounds;
import io.devlogs.settings.Settings;
import io.devlogs.settings.keys.CassandraKeys;
import io.devlogs.settings.keys.ClickHouseKeys;
import io.devlogs.settings.keys.QueryKeys;

/**
 * The query service's configuration, read once at start-up (keys and defaults from the contract;
 * this service reads ClickHouse as the read-only {@code devlogs_reader}).
 */
public record QueryOptions(
    String host,
    int port,
    String clickhouseUrl,
    String clickhouseUser,
    String clickhousePassword,
    String cassandraContactPoints,
    String cassandraDatacenter,
    String cassandraKeyspace,
    ClickHouseLimits clickhouseLimits,
    String cursorSecret,
    LoadOptions load,
    StatusBounds statusBounds) {

  public static QueryOptions from(Settings settings) {
    return new QueryOptions(
        settings.get(QueryKeys.HOST),
        settings.get(QueryKeys.PORT),
        settings.get(ClickHouseKeys.URL),
        // Its own keys: the stack's clickhouse.user is the writer the job and schema use.
        settings.get(ClickHouseKeys.QUERY_USER),
        settings.get(ClickHouseKeys.QUERY_PASSWORD),
        settings.get(CassandraKeys.CONTACT_POINTS),
        settings.get(CassandraKeys.DATACENTER),
        settings.get(CassandraKeys.KEYSPACE),
        new ClickHouseLimits(
            settings.get(QueryKeys.MAX_EXECUTION_SECONDS),
            settings.get(QueryKeys.EXPORT_MAX_EXECUTION_SECONDS),
            settings.get(QueryKeys.MAX_ROWS_TO_READ),
            settings.get(QueryKeys.MAX_MEMORY_BYTES)),
        cursorSecret(settings),
        LoadOptions.from(settings),
        StatusBounds.from(settings));
  }

  /**
   * The key that signs search cursors; empty means a random one per process, so cursors then fail
   * with 400 after a restart or on another instance behind a load balancer.
   */
  private static String cursorSecret(Settings settings) {
    String secret = settings.get(QueryKeys.CURSOR_SECRET);
    if (!secret.isEmpty() && secret.length() < 16) {
      throw new IllegalArgumentException(
          QueryKeys.CURSOR_SECRET.key()
              + " must have at least 16 characters (or be empty for a random one)");
    }
    return secret;
  }
}
