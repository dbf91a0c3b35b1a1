package io.devlogs.settings.keys;

import static io.devlogs.settings.Component.BENCH;
import static io.devlogs.settings.Component.JOB;
import static io.devlogs.settings.Component.QUERY;
import static io.devlogs.settings.Component.SCHEMA;

import io.devlogs.settings.Setting;
import io.devlogs.settings.ValueType;

/** Cassandra: the per-stream event tables. */
public final class CassandraKeys {
  private CassandraKeys() {}

  public static final Setting<String> CONTACT_POINTS =
      Setting.of(
              "cassandra.contact-points",
              ValueType.TEXT,
              "127.0.0.1:19042",
              "Cassandra nodes, comma-separated `host:port`",
              JOB,
              QUERY,
              SCHEMA,
              BENCH)
          .inLocalStack();

  public static final Setting<String> DATACENTER =
      Setting.of(
              "cassandra.datacenter",
              ValueType.TEXT,
              "datacenter1",
              "the driver's local datacenter",
              JOB,
              QUERY,
              SCHEMA,
              BENCH)
          .inLocalStack();

  public static final Setting<String> KEYSPACE =
      Setting.of(
              "cassandra.keyspace",
              ValueType.TEXT,
              "devlogs",
              "the keyspace of the stream tables (the schema tool creates `devlogs`)",
              JOB,
              QUERY,
              BENCH)
          .inLocalStack();

  public static final Setting<String> REPLICATION =
      Setting.of(
          "cassandra.replication",
          ValueType.TEXT,
          "{'class': 'SimpleStrategy', 'replication_factor': 1}",
          "replication of the keyspace the schema tool creates",
          SCHEMA);
}
