package io.devlogs.settings.keys;

import static io.devlogs.settings.Component.SCHEMA;

import io.devlogs.settings.Setting;
import io.devlogs.settings.ValueType;

/** The schema tool. */
public final class SchemaKeys {
  private SchemaKeys() {}

  public static final Setting<String> DIR =
      Setting.of("schema.dir", ValueType.TEXT, "schema/ddl", "folder of the DDL files", SCHEMA);

  public static final Setting<String> ONLY =
      Setting.of(
          "schema.only",
          ValueType.TEXT,
          "postgres,clickhouse,cassandra,kafka",
          "the stores to apply, comma-separated",
          SCHEMA);

  public static final Setting<Integer> TIMEOUT_SECONDS =
      Setting.of(
          "schema.timeout-seconds",
          ValueType.integer(1, Integer.MAX_VALUE),
          "90",
          "how long to retry a store that is not up yet",
          SCHEMA);
}
