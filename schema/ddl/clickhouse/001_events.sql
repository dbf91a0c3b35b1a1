-- Every statement here runs unchanged on ClickHouse 18.16 and on current releases.
CREATE DATABASE IF NOT EXISTS devlogs;

-- Raw log events, ordered for per-project time-range queries.
-- ReplacingMergeTree collapses rows with the same sorting key, so a replayed insert of the same
-- event (same project, time and id) counts once for readers that use FINAL.
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
  received_at DateTime('UTC')
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMMDD(ts)
ORDER BY (project, ts, ts_nanos, event_id);
