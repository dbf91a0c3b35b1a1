package io.devlogs.settings.keys;

import static io.devlogs.settings.Component.BENCH;
import static io.devlogs.settings.Component.INGEST;
import static io.devlogs.settings.Component.JOB;
import static io.devlogs.settings.Component.QUERY;
import static io.devlogs.settings.Component.SCHEMA;

import io.devlogs.settings.Setting;
import io.devlogs.settings.ValueType;

/** ClickHouse: searchable events, minute windows and dead letters. */
public final class ClickHouseKeys {
  private ClickHouseKeys() {}

  public static final Setting<String> URL =
      Setting.of(
              "clickhouse.url",
              ValueType.TEXT,
              "jdbc:clickhouse://127.0.0.1:18123/devlogs",
              "JDBC URL of the ClickHouse database (HTTP interface); ingest reads it to replay dead letters",
              JOB,
              QUERY,
              SCHEMA,
              INGEST,
              BENCH)
          .inLocalStack();

  public static final Setting<String> USER =
      Setting.of(
              "clickhouse.user",
              ValueType.TEXT,
              "default",
              "the writer: the job's and the schema tool's ClickHouse user",
              JOB,
              SCHEMA,
              BENCH)
          .inLocalStack();

  public static final Setting<String> PASSWORD =
      Setting.of(
              "clickhouse.password",
              ValueType.TEXT,
              "",
              "the writer's password",
              JOB,
              SCHEMA,
              BENCH)
          .asSecret()
          .inLocalStack();

  public static final Setting<String> QUERY_USER =
      Setting.of(
          "query.clickhouse-user",
          ValueType.TEXT,
          "devlogs_reader",
          "the query service's ClickHouse user (a read-only profile)",
          QUERY);

  public static final Setting<String> QUERY_PASSWORD =
      Setting.of(
              "query.clickhouse-password", ValueType.TEXT, "devlogs_reader", "its password", QUERY)
          .asSecret();

  public static final Setting<String> INGEST_USER =
      Setting.of(
          "ingest.clickhouse-user",
          ValueType.TEXT,
          "devlogs_reader",
          "ingest's ClickHouse user, which reads dead letters to replay (a read-only profile)",
          INGEST);

  public static final Setting<String> INGEST_PASSWORD =
      Setting.of(
              "ingest.clickhouse-password",
              ValueType.TEXT,
              "devlogs_reader",
              "its password",
              INGEST)
          .asSecret();
}
