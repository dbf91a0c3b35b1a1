package io.devlogs.settings.keys;

import static io.devlogs.settings.Component.INGEST;
import static io.devlogs.settings.Component.JOB;
import static io.devlogs.settings.Component.QUERY;
import static io.devlogs.settings.Component.SCHEMA;

import io.devlogs.settings.Setting;
import io.devlogs.settings.ValueType;

/** PostgreSQL: projects, API keys and project settings. */
public final class PostgresKeys {
  private PostgresKeys() {}

  public static final Setting<String> URL =
      Setting.of(
              "postgres.url",
              ValueType.TEXT,
              "jdbc:postgresql://127.0.0.1:15432/devlogs",
              "JDBC URL of the database with projects, keys and project settings (the job reloads project settings from it)",
              INGEST,
              QUERY,
              JOB,
              SCHEMA)
          .inLocalStack();

  public static final Setting<String> USER =
      Setting.of(
              "postgres.user",
              ValueType.TEXT,
              "devlogs",
              "PostgreSQL user",
              INGEST,
              QUERY,
              JOB,
              SCHEMA)
          .inLocalStack();

  public static final Setting<String> PASSWORD =
      Setting.of(
              "postgres.password",
              ValueType.TEXT,
              "devlogs",
              "PostgreSQL password",
              INGEST,
              QUERY,
              JOB,
              SCHEMA)
          .asSecret()
          .inLocalStack();

  public static final Setting<Integer> POOL_SIZE =
      Setting.of(
          "postgres.pool-size",
          ValueType.integer(1, 100),
          "8",
          "connections each service keeps open to PostgreSQL and shares between requests (key lookups, sessions and roles, alert and board stores, admin routes)",
          INGEST,
          QUERY);
}
