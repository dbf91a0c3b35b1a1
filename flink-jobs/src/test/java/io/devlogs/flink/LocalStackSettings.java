package io.devlogs.flink;

import io.devlogs.flink.config.PipelineOptions;
import io.devlogs.flink.enrich.EnrichOptions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the integration tests reach the local stack: the connection settings of {@link
 * PipelineOptions} taken from the same {@code DEVLOGS_*} environment the services read (unset keys
 * keep the local-stack defaults), and random ids that keep each test's data apart.
 */
public final class LocalStackSettings {
  private static final List<String> CONNECTION_KEYS =
      List.of(
          PipelineOptions.KAFKA_BOOTSTRAP_SERVERS,
          PipelineOptions.CLICKHOUSE_URL,
          PipelineOptions.CLICKHOUSE_USER,
          PipelineOptions.CLICKHOUSE_PASSWORD,
          PipelineOptions.CASSANDRA_CONTACT_POINTS,
          PipelineOptions.CASSANDRA_DATACENTER,
          PipelineOptions.CASSANDRA_KEYSPACE,
          EnrichOptions.POSTGRES_URL,
          EnrichOptions.POSTGRES_USER,
          EnrichOptions.POSTGRES_PASSWORD);
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private LocalStackSettings() {}

  /** A mutable map of the connection settings given in the environment. */
  public static Map<String, String> connections() {
    Map<String, String> values = new HashMap<>();
    for (String key : CONNECTION_KEYS) {
      String env =
          System.getenv("DEVLOGS_" + key.toUpperCase().replace('.', '_').replace('-', '_'));
      if (env != null) {
        values.put(key, env);
      }
    }
    return values;
  }

  /** {@code n} random base62 characters. */
  public static String randomBase62(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
    }
    return sb.toString();
  }
}
