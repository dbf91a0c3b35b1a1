package io.devlogs.query;

import io.devlogs.query.clickhouse.ClickHouseLimits;
import io.devlogs.settings.Settings;

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
    int clickhouseMaxExecutionSeconds,
    String cassandraContactPoints,
    String cassandraDatacenter,
    String cassandraKeyspace,
    int clickhouseMaxRowsToRead,
    int clickhouseMaxMemoryMb) {

  public static QueryOptions from(Settings settings) {
    int port = settings.getInt("query.port", 18090);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("query.port must be 1..65535, was " + port);
    }
    int maxExecution = settings.getInt("query.max-execution-seconds", 30);
    if (maxExecution < 1) {
      throw new IllegalArgumentException(
          "query.max-execution-seconds must be at least 1, was " + maxExecution);
    }
    int maxRowsToRead = positive(settings, "query.max-rows-to-read", 500_000_000);
    int maxMemoryMb = positive(settings, "query.max-memory-mb", 2_000);
    return new QueryOptions(
        settings.get("query.host", "0.0.0.0"),
        port,
        settings.get("clickhouse.url", "jdbc:clickhouse://127.0.0.1:18123/devlogs"),
        settings.get("clickhouse.user", "devlogs_reader"),
        settings.get("clickhouse.password", "devlogs_reader"),
        maxExecution,
        settings.get("cassandra.contact-points", "127.0.0.1:19042"),
        settings.get("cassandra.datacenter", "datacenter1"),
        settings.get("cassandra.keyspace", "devlogs"),
        maxRowsToRead,
        maxMemoryMb);
  }

  /** The limits of every ClickHouse read, from the {@code query.max-*} settings. */
  public ClickHouseLimits clickhouseLimits() {
    return new ClickHouseLimits(
        clickhouseMaxExecutionSeconds, clickhouseMaxRowsToRead, clickhouseMaxMemoryMb * 1_000_000L);
  }

  private static int positive(Settings settings, String key, int defaultValue) {
    int value = settings.getInt(key, defaultValue);
    if (value < 1) {
      throw new IllegalArgumentException(key + " must be at least 1, was " + value);
    }
    return value;
  }
}
