package io.devlogs.settings.keys;

import static io.devlogs.settings.Component.BENCH;
import static io.devlogs.settings.Component.GENERATOR;
import static io.devlogs.settings.Component.INGEST;

import io.devlogs.settings.Setting;
import io.devlogs.settings.ValueType;

/** Where the running services are, for the tools and tests that call them. */
public final class EndpointKeys {
  private EndpointKeys() {}

  public static final Setting<String> INGEST_URL =
      Setting.of(
          "ingest.url",
          ValueType.TEXT,
          "http://127.0.0.1:18080",
          "base URL of ingest",
          INGEST,
          GENERATOR,
          BENCH);

  public static final Setting<String> QUERY_URL =
      Setting.of(
          "query.url",
          ValueType.TEXT,
          "http://127.0.0.1:18090",
          "base URL of the query service",
          BENCH);

  public static final Setting<String> FLINK_REST_URL =
      Setting.of(
          "flink.rest-url",
          ValueType.TEXT,
          "http://127.0.0.1:18081",
          "the Flink JobManager's REST API",
          BENCH);
}
