package io.devlogs.ingest.logs;

/** The two push routes; they differ only in how the body's format is chosen. */
public enum PushEndpoint {
  /** {@code POST /v1/logs}: devlogs JSON, NDJSON, text lines or OTLP, by content type and body. */
  LOGS,
  /** {@code POST /loki/api/v1/push}: Loki's JSON or snappy-compressed protobuf push. */
  LOKI
}
