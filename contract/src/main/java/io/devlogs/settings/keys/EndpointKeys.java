package io.devlogs.settings.keys;

import static io.devlogs.settings.Component.BENCH;
import static io.devlogs.settings.Component.GENERATOR;
import static io.devlogs.settings.Component.INGEST;
import static io.devlogs.settings.Component.QUERY;

import io.devlogs.settings.Setting;
import io.devlogs.settings.ValueType;

/**
 * Where the running services are, for the tools and tests that call them. The defaults are the
 * local stack's addresses.
 */
public final class EndpointKeys {
  private EndpointKeys() {}

  public static final Setting<String> INGEST_URL =
      Setting.of(
              "ingest.url",
              ValueType.TEXT,
              "http://" + LocalStack.HOST + ":" + IngestKeys.PORT.defaultValue(),
              "base URL of ingest, for the programs that call it (dead-letter replay, generator, benchmarks)",
              INGEST,
              GENERATOR,
              BENCH)
          .inLocalStack();

  public static final Setting<String> QUERY_URL =
      Setting.of(
              "query.url",
              ValueType.TEXT,
              "http://" + LocalStack.HOST + ":" + QueryKeys.PORT.defaultValue(),
              "base URL of the query service",
              BENCH)
          .inLocalStack();

  public static final Setting<String> FLINK_REST_URL =
      Setting.of(
              "flink.rest-url",
              ValueType.TEXT,
              "http://" + LocalStack.HOST + ":18081",
              "the Flink JobManager's REST API",
              QUERY,
              BENCH)
          .inLocalStack();

  public static final Setting<String> FLINK_JOB_NAME =
      Setting.of(
          "flink.job-name",
          ValueType.TEXT,
          "devlogs-log-pipeline",
          "the pipeline job's name on the Flink cluster, whose health the status route and `bin/devlogs status` report",
          QUERY,
          BENCH);
}
