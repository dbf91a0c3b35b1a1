package io.devlogs.flink.config;

import io.devlogs.flink.aggregate.WindowOptions;
import io.devlogs.flink.enrich.EnrichOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.util.TimeUtils;

/**
 * Validated options of the log pipeline job, built once from the program arguments. Keys and
 * defaults are the contract's; arguments may be given as {@code --key value} or {@code
 * --key=value}.
 *
 * @param kafkaBootstrapServers {@code kafka.bootstrap-servers}
 * @param rawTopic {@code kafka.raw-topic}
 * @param groupId {@code kafka.group-id}: the consumer group of the raw topic; a new group starts at
 *     the earliest offset (a second job on the same topic, such as the benchmark, needs its own)
 * @param deadLetterTopic {@code kafka.dead-letter-topic}
 * @param clickhouseUrl {@code clickhouse.url}, with {@code compress=false} added
 * @param clickhouseUser {@code clickhouse.user}
 * @param clickhousePassword {@code clickhouse.password}
 * @param cassandraContactPoints {@code cassandra.contact-points}: comma-separated {@code host:port}
 * @param cassandraDatacenter {@code cassandra.datacenter}: the local datacenter of the driver
 * @param cassandraKeyspace {@code cassandra.keyspace}
 * @param checkpointInterval {@code checkpoint.interval} (e.g. {@code 10s}, {@code 500ms})
 * @param deadLetterTransactionalIdPrefix {@code kafka.dead-letter-transactional-id-prefix}: prefix
 *     of the Kafka transactional ids of the exactly-once dead-letter sink; unique per job on a
 *     cluster
 * @param parsedTopic {@code kafka.parsed-topic}: parsed events for live tail
 * @param parsedTransactionalIdPrefix {@code kafka.parsed-transactional-id-prefix}: prefix of the
 *     Kafka transactional ids of the exactly-once parsed-events sink; unique per job on a cluster
 * @param windows {@code windows.*}: event-time minute windows (see {@link WindowOptions})
 * @param enrich {@code postgres.*}, {@code settings.refresh}, {@code dedup.window}: project
 *     settings and de-duplication (see {@link EnrichOptions})
 */
public record PipelineOptions(
    String kafkaBootstrapServers,
    String rawTopic,
    String groupId,
    String deadLetterTopic,
    String clickhouseUrl,
    String clickhouseUser,
    String clickhousePassword,
    List<ContactPoint> cassandraContactPoints,
    String cassandraDatacenter,
    String cassandraKeyspace,
    Duration checkpointInterval,
    String deadLetterTransactionalIdPrefix,
    String parsedTopic,
    String parsedTransactionalIdPrefix,
    WindowOptions windows,
    EnrichOptions enrich) {

  public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap-servers";
  public static final String KAFKA_RAW_TOPIC = "kafka.raw-topic";
  public static final String KAFKA_GROUP_ID = "kafka.group-id";
  public static final String KAFKA_DEAD_LETTER_TOPIC = "kafka.dead-letter-topic";
  public static final String CLICKHOUSE_URL = "clickhouse.url";
  public static final String CLICKHOUSE_USER = "clickhouse.user";
  public static final String CLICKHOUSE_PASSWORD = "clickhouse.password";
  public static final String CASSANDRA_CONTACT_POINTS = "cassandra.contact-points";
  public static final String CASSANDRA_DATACENTER = "cassandra.datacenter";
  public static final String CASSANDRA_KEYSPACE = "cassandra.keyspace";
  public static final String CHECKPOINT_INTERVAL = "checkpoint.interval";
  public static final String KAFKA_DEAD_LETTER_TRANSACTIONAL_ID_PREFIX =
      "kafka.dead-letter-transactional-id-prefix";
  public static final String KAFKA_PARSED_TOPIC = "kafka.parsed-topic";
  public static final String KAFKA_PARSED_TRANSACTIONAL_ID_PREFIX =
      "kafka.parsed-transactional-id-prefix";

  /** Default Cassandra CQL port, used for contact points given without one. */
  public static final int DEFAULT_CQL_PORT = 9042;

  private static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry(KAFKA_BOOTSTRAP_SERVERS, "127.0.0.1:19092"),
          Map.entry(KAFKA_RAW_TOPIC, "devlogs-raw"),
          Map.entry(KAFKA_GROUP_ID, "devlogs-log-pipeline"),
          Map.entry(KAFKA_DEAD_LETTER_TOPIC, "devlogs-dead-letter"),
          Map.entry(CLICKHOUSE_URL, "jdbc:clickhouse://127.0.0.1:18123/devlogs"),
          Map.entry(CLICKHOUSE_USER, "default"),
          Map.entry(CLICKHOUSE_PASSWORD, ""),
          Map.entry(CASSANDRA_CONTACT_POINTS, "127.0.0.1:19042"),
          Map.entry(CASSANDRA_DATACENTER, "datacenter1"),
          Map.entry(CASSANDRA_KEYSPACE, "devlogs"),
          Map.entry(CHECKPOINT_INTERVAL, "10s"),
          Map.entry(KAFKA_DEAD_LETTER_TRANSACTIONAL_ID_PREFIX, "devlogs-log-pipeline-dead-letters"),
          Map.entry(KAFKA_PARSED_TOPIC, "devlogs-parsed"),
          Map.entry(KAFKA_PARSED_TRANSACTIONAL_ID_PREFIX, "devlogs-log-pipeline-parsed"));

  private static final Pattern CQL_IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,47}");

  /** A Cassandra node address. */
  public record ContactPoint(String host, int port) implements java.io.Serializable {
    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  public PipelineOptions {
    require(kafkaBootstrapServers, KAFKA_BOOTSTRAP_SERVERS, "e.g. broker1:9092,broker2:9092");
    require(rawTopic, KAFKA_RAW_TOPIC, "e.g. devlogs-raw");
    require(groupId, KAFKA_GROUP_ID, "e.g. devlogs-log-pipeline");
    require(deadLetterTopic, KAFKA_DEAD_LETTER_TOPIC, "e.g. devlogs-dead-letter");
    require(clickhouseUrl, CLICKHOUSE_URL, "e.g. jdbc:clickhouse://ch:8123/devlogs");
    if (!clickhouseUrl.startsWith("jdbc:clickhouse://")) {
      throw new IllegalArgumentException(
          CLICKHOUSE_URL
              + " must start with jdbc:clickhouse:// (got '"
              + clickhouseUrl
              + "'), e.g. jdbc:clickhouse://ch:8123/devlogs");
    }
    clickhouseUrl = withCompressFalse(clickhouseUrl);
    require(clickhouseUser, CLICKHOUSE_USER, "e.g. default");
    clickhousePassword = clickhousePassword == null ? "" : clickhousePassword;
    if (cassandraContactPoints == null || cassandraContactPoints.isEmpty()) {
      throw new IllegalArgumentException(
          CASSANDRA_CONTACT_POINTS + " is empty; give host:port[,host:port...]");
    }
    cassandraContactPoints = List.copyOf(cassandraContactPoints);
    require(cassandraDatacenter, CASSANDRA_DATACENTER, "e.g. datacenter1");
    require(cassandraKeyspace, CASSANDRA_KEYSPACE, "e.g. devlogs");
    if (!CQL_IDENTIFIER.matcher(cassandraKeyspace).matches()) {
      throw new IllegalArgumentException(
          CASSANDRA_KEYSPACE
              + " '"
              + cassandraKeyspace
              + "' is not a plain CQL identifier (letters, digits, underscore)");
    }
    if (checkpointInterval == null || checkpointInterval.toMillis() < 10) {
      throw new IllegalArgumentException(
          CHECKPOINT_INTERVAL
              + " must be at least 10ms, e.g. 10s (got "
              + checkpointInterval
              + ")");
    }
    require(
        deadLetterTransactionalIdPrefix,
        KAFKA_DEAD_LETTER_TRANSACTIONAL_ID_PREFIX,
        "e.g. devlogs-log-pipeline-dead-letters");
    require(parsedTopic, KAFKA_PARSED_TOPIC, "e.g. devlogs-parsed");
    require(
        parsedTransactionalIdPrefix,
        KAFKA_PARSED_TRANSACTIONAL_ID_PREFIX,
        "e.g. devlogs-log-pipeline-parsed");
    if (parsedTransactionalIdPrefix.equals(deadLetterTransactionalIdPrefix)) {
      throw new IllegalArgumentException(
          KAFKA_PARSED_TRANSACTIONAL_ID_PREFIX
              + " and "
              + KAFKA_DEAD_LETTER_TRANSACTIONAL_ID_PREFIX
              + " are both '"
              + parsedTransactionalIdPrefix
              + "'; the two sinks would fence each other's transactions: give them different"
              + " values");
    }
    windows = windows == null ? WindowOptions.defaults() : windows;
    enrich = enrich == null ? EnrichOptions.defaults() : enrich;
  }

  /** Options from program arguments ({@code --key value} or {@code --key=value}), else defaults. */
  public static PipelineOptions fromArgs(String[] args) {
    List<String> split = new ArrayList<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (arg.startsWith("-") && eq > 0) {
        split.add(arg.substring(0, eq));
        split.add(arg.substring(eq + 1));
      } else {
        split.add(arg);
      }
    }
    return fromMap(ParameterTool.fromArgs(split.toArray(new String[0])).toMap());
  }

  /** Options from a key/value map (contract keys), missing keys taking their defaults. */
  public static PipelineOptions fromMap(Map<String, String> values) {
    Map<String, String> v = new HashMap<>(DEFAULTS);
    values.forEach(
        (key, value) -> {
          // ParameterTool maps a flag without a value to "__NO_VALUE_KEY"
          if (value != null && !"__NO_VALUE_KEY".equals(value)) {
            v.put(key, value);
          }
        });
    Duration interval;
    try {
      interval = TimeUtils.parseDuration(v.get(CHECKPOINT_INTERVAL));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          CHECKPOINT_INTERVAL
              + " '"
              + v.get(CHECKPOINT_INTERVAL)
              + "' is not a duration; use e.g. 10s, 500ms or 1min",
          e);
    }
    return new PipelineOptions(
        v.get(KAFKA_BOOTSTRAP_SERVERS),
        v.get(KAFKA_RAW_TOPIC),
        v.get(KAFKA_GROUP_ID),
        v.get(KAFKA_DEAD_LETTER_TOPIC),
        v.get(CLICKHOUSE_URL),
        v.get(CLICKHOUSE_USER),
        v.get(CLICKHOUSE_PASSWORD),
        parseContactPoints(v.get(CASSANDRA_CONTACT_POINTS)),
        v.get(CASSANDRA_DATACENTER),
        v.get(CASSANDRA_KEYSPACE),
        interval,
        v.get(KAFKA_DEAD_LETTER_TRANSACTIONAL_ID_PREFIX),
        v.get(KAFKA_PARSED_TOPIC),
        v.get(KAFKA_PARSED_TRANSACTIONAL_ID_PREFIX),
        WindowOptions.fromMap(v),
        EnrichOptions.fromMap(v));
  }

  /** {@code host[:port],...}; IPv6 hosts in brackets ({@code [::1]:9042}). */
  public static List<ContactPoint> parseContactPoints(String value) {
    List<ContactPoint> points = new ArrayList<>();
    if (value == null) {
      return points;
    }
    for (String part : value.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      String host;
      String port = null;
      if (p.startsWith("[")) {
        int close = p.indexOf(']');
        if (close < 0) {
          throw badContactPoint(p);
        }
        host = p.substring(1, close);
        if (close + 1 < p.length()) {
          if (p.charAt(close + 1) != ':') {
            throw badContactPoint(p);
          }
          port = p.substring(close + 2);
        }
      } else {
        int colon = p.lastIndexOf(':');
        if (colon >= 0 && p.indexOf(':') != colon) {
          throw badContactPoint(p);
        }
        host = colon < 0 ? p : p.substring(0, colon);
        port = colon < 0 ? null : p.substring(colon + 1);
      }
      int portNumber;
      try {
        portNumber = port == null ? DEFAULT_CQL_PORT : Integer.parseInt(port);
      } catch (NumberFormatException e) {
        throw badContactPoint(p);
      }
      if (host.isEmpty() || portNumber < 1 || portNumber > 65535) {
        throw badContactPoint(p);
      }
      points.add(new ContactPoint(host, portNumber));
    }
    return points;
  }

  /** Appends {@code compress=false}: ClickHouse 18.16 answers compressed requests with nothing. */
  static String withCompressFalse(String url) {
    if (url.matches(".*[?&]compress=.*")) {
      return url.replaceAll("([?&])compress=[^&]*", "$1compress=false");
    }
    return url + (url.contains("?") ? "&" : "?") + "compress=false";
  }

  private static IllegalArgumentException badContactPoint(String p) {
    return new IllegalArgumentException(
        CASSANDRA_CONTACT_POINTS
            + ": '"
            + p
            + "' is not host:port (e.g. 10.0.0.5:9042 or [::1]:9042)");
  }

  private static void require(String value, String key, String example) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " is empty; set --" + key + " (" + example + ")");
    }
  }
}
