-- Every statement here runs unchanged on ClickHouse 18.16 and on current releases.
CREATE DATABASE IF NOT EXISTS devlogs;

-- Raw log events, ordered for per-project time-range queries.
-- The Flink job writes them through an exactly-once sink (see 002_exactly_once_sink.sql): every
-- event is inserted once, so counts are exact without FINAL. sink_batch is the id of the sink
-- batch that inserted the row; the sink uses it to check a retried commit.
-- ReplacingMergeTree stays as a second safety net: rows with the same sorting key collapse, so
-- readers that use FINAL count an event once even if it was written twice by another writer.
--
-- Enrichment columns: received_ms is the receive time in epoch milliseconds (received_at keeps
-- it in seconds), ingest_lag_ms = received_ms - event time in ms (negative for clocks ahead),
-- size_bytes the UTF-8 size of the raw record, retention_days the project's retention class.
-- 18.16 has no TTL: the partition key is retention_days * 100000000 + toYYYYMMDD(ts) (e.g.
-- 3020240501 = 30 days, 2024-05-01), so the job's RetentionSweeper drops a whole partition once
-- its day is older than its retention, without mutations.
CREATE TABLE IF NOT EXISTS devlogs.events (
  project     String,
  ts          DateTime('UTC'),
  ts_nanos    UInt32,
  event_id    String,
  level       Enum8('TRACE' = 1, 'DEBUG' = 2, 'INFO' = 3, 'WARN' = 4, 'ERROR' = 5, 'FATAL' = 6),
  service     String,
  stream      String,
  message     String,
  attr_keys   Array(String),
  attr_values Array(String),
  received_at DateTime('UTC'),
  received_ms   Int64,
  ingest_lag_ms Int64,
  size_bytes    UInt32,
  retention_days UInt16,
  sink_batch  String
) ENGINE = ReplacingMergeTree()
PARTITION BY retention_days * 100000000 + toYYYYMMDD(ts)
ORDER BY (project, ts, ts_nanos, event_id);
