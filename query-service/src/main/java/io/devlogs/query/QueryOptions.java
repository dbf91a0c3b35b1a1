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
    String cassandraContactPoints,
    String cassandraDatacenter,
    String cassandraKeyspace,
    ClickHouseLimits clickhouseLimits,
    String cursorSecret) {

  public static QueryOptions from(Settings settings) {
    int port = settings.getInt("query.port", 18090);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("query.port must be 1..65535, was " + port);
    }
    return new QueryOptions(
        settings.get("query.host", "0.0.0.0"),
        port,
        settings.get("clickhouse.url", "jdbc:clickhouse://127.0.0.1:18123/devlogs"),
        // Its own keys: the stack's clickhouse.user is the writer the job and schema use.
        settings.get("query.clickhouse-user", "devlogs_reader"),
        settings.get("query.clickhouse-password", "devlogs_reader"),
        settings.get("cassandra.contact-points", "127.0.0.1:19042"),
        settings.get("cassandra.datacenter", "datacenter1"),
        settings.get("cassandra.keyspace", "devlogs"),
        new ClickHouseLimits(
            positiveInt(settings, "query.max-execution-seconds", 30),
            positiveInt(settings, "query.export-max-execution-seconds", 300),
            positiveLong(settings, "query.max-rows-to-read", 500_000_000L),
            positiveLong(settings, "query.max-memory-bytes", 2_000_000_000L)),
        cursorSecret(settings));
  }

  /**
   * The key that signs search cursors; empty means a random one per process, so cursors then fail
   * with 400 after a restart or on another instance behind a load balancer.
   */
  private static String cursorSecret(Settings settings) {
    String secret = settings.get("query.cursor-secret", "");
    if (!secret.isEmpty() && secret.length() < 16) {
      throw new IllegalArgumentException(
          "query.cursor-secret must have at least 16 characters (or be empty for a random one)");
    }
    return secret;
  }

  private static int positiveInt(Settings settings, String key, int fallback) {
    return (int) atLeastOne(key, settings.getInt(key, fallback));
  }

  private static long positiveLong(Settings settings, String key, long fallback) {
    return atLeastOne(key, settings.getLong(key, fallback));
  }

  private static long atLeastOne(String key, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(key + " must be at least 1, was " + value);
    }
    return value;
  }
}
