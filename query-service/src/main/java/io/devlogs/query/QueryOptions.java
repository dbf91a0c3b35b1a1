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
    ClickHouseLimits clickhouseLimits,
    String cursorSecret) {

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
        new ClickHouseLimits(
            maxExecution,
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
    int value = settings.getInt(key, fallback);
    if (value < 1) {
      throw new IllegalArgumentException(key + " must be at least 1, was " + value);
    }
    return value;
  }

  private static long positiveLong(Settings settings, String key, long fallback) {
    String text = settings.get(key, Long.toString(fallback)).trim();
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, was '" + text + "'");
    }
    if (value < 1) {
      throw new IllegalArgumentException(key + " must be at least 1, was " + value);
    }
    return value;
  }
}
