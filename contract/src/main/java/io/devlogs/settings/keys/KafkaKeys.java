package io.devlogs.settings.keys;

import static io.devlogs.settings.Component.BENCH;
import static io.devlogs.settings.Component.INGEST;
import static io.devlogs.settings.Component.JOB;
import static io.devlogs.settings.Component.QUERY;
import static io.devlogs.settings.Component.SCHEMA;

import io.devlogs.settings.Setting;
import io.devlogs.settings.ValueType;
import java.util.List;

/** Kafka: brokers and topics, read by every stage that produces or consumes. */
public final class KafkaKeys {
  private KafkaKeys() {}

  public static final Setting<String> BOOTSTRAP_SERVERS =
      Setting.of(
              "kafka.bootstrap-servers",
              ValueType.TEXT,
              "127.0.0.1:19092",
              "Kafka brokers, comma-separated `host:port`",
              INGEST,
              JOB,
              QUERY,
              SCHEMA,
              BENCH)
          .inLocalStack();

  public static final Setting<String> RAW_TOPIC =
      Setting.of(
              "kafka.raw-topic",
              ValueType.TEXT,
              "devlogs-raw",
              "accepted events, written by ingest and read by the job (the schema tool creates `devlogs-raw`)",
              INGEST,
              JOB,
              QUERY,
              BENCH)
          .inLocalStack();

  public static final Setting<String> PARSED_TOPIC =
      Setting.of(
          "kafka.parsed-topic",
          ValueType.TEXT,
          "devlogs-parsed",
          "parsed events, written by the job and read by live tail (the schema tool creates `devlogs-parsed`)",
          JOB,
          QUERY);

  public static final Setting<String> DEAD_LETTER_TOPIC =
      Setting.of(
          "kafka.dead-letter-topic",
          ValueType.TEXT,
          "devlogs-dead-letter",
          "records the job could not store, with their cause (the schema tool creates `devlogs-dead-letter`)",
          JOB);

  public static final Setting<String> ALERTS_TOPIC =
      Setting.of(
          "kafka.alerts-topic",
          ValueType.TEXT,
          "devlogs-alerts",
          "alert transitions (pending, firing, resolved), written by the job in transactions and read by the notifier (the schema tool creates `devlogs-alerts`)",
          JOB,
          QUERY);

  public static final Setting<String> GROUP_ID =
      Setting.of(
          "kafka.group-id",
          ValueType.TEXT,
          "devlogs-log-pipeline",
          "the job's consumer group of the raw topic (the status route, `bin/devlogs status` and the end-to-end benchmark read its lag); a second job on the same topic needs its own",
          JOB,
          QUERY,
          BENCH);

  public static final Setting<String> DEAD_LETTER_TRANSACTIONAL_ID_PREFIX =
      Setting.of(
          "kafka.dead-letter-transactional-id-prefix",
          ValueType.TEXT,
          "devlogs-log-pipeline-dead-letters",
          "prefix of the dead-letter sink's Kafka transactional ids; unique per job on a cluster",
          JOB);

  public static final Setting<String> PARSED_TRANSACTIONAL_ID_PREFIX =
      Setting.of(
          "kafka.parsed-transactional-id-prefix",
          ValueType.TEXT,
          "devlogs-log-pipeline-parsed",
          "prefix of the parsed-events sink's Kafka transactional ids; unique per job on a cluster",
          JOB);

  public static final Setting<String> ALERTS_TRANSACTIONAL_ID_PREFIX =
      Setting.of(
          "kafka.alerts-transactional-id-prefix",
          ValueType.TEXT,
          "devlogs-log-pipeline-alerts",
          "prefix of the alert transitions sink's Kafka transactional ids; unique per job on a cluster",
          JOB);

  /**
   * Every prefix of the job's Kafka transactional ids. A second job on the same cluster (a
   * benchmark's) needs its own value for each: a transactional id shared with the running job
   * fences that job's producers, and its start probes every id the running job has used.
   */
  public static final List<Setting<String>> TRANSACTIONAL_ID_PREFIXES =
      List.of(
          DEAD_LETTER_TRANSACTIONAL_ID_PREFIX,
          PARSED_TRANSACTIONAL_ID_PREFIX,
          ALERTS_TRANSACTIONAL_ID_PREFIX);

  public static final Setting<Integer> REPLICATION_FACTOR =
      Setting.of(
          "kafka.replication-factor",
          ValueType.integer(1, Short.MAX_VALUE),
          "1",
          "replication factor of the topics the schema tool creates",
          SCHEMA);
}
