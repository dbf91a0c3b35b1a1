-- Every statement here runs unchanged on ClickHouse 18.16 and on current releases.
--
-- Recording rules (derived metrics, issue 19): one row per project, rule, event-time minute and
-- group of the rule (group_key: a JSON object of the group-by fields and their values, '{}'
-- without group-by; other = 1 for the events of the groups past the rule's max_groups in that
-- minute). Written like event_windows (003_event_windows.sql): by minute windows through the
-- exactly-once sink, each firing a full row with a higher version, so READERS MUST USE FINAL (or
-- argMax(..., version) grouped by the sorting key).
--
-- events: matching events. value_*: over those that carried the rule's field as a finite number
-- (value_min/max are 0 when value_count is 0). value_p50/p90/p99: nearest-rank quantiles of the
-- values >= 0 within 1% relative error, from the same log-scale histogram as event_windows'
-- latency (io.devlogs.latency.LatencyBuckets: values above ~1.5e8 share the last bucket and read
-- as the maximum); value_bucket_ids/counts hold that sparse histogram, so quantiles over hours add
-- minute buckets up exactly (sumMap) as the latency ones do.
CREATE TABLE IF NOT EXISTS devlogs.recorded_minutes (
  project             String,
  rule_id             String,
  minute              DateTime('UTC'),
  group_key           String,
  other               UInt8,
  events              UInt64,
  value_count         UInt64,
  value_sum           Float64,
  value_min           Float64,
  value_max           Float64,
  value_p50           Float64,
  value_p90           Float64,
  value_p99           Float64,
  value_bucket_ids    Array(UInt16),
  value_bucket_counts Array(UInt64),
  version             UInt64,
  sink_batch          String
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(minute)
ORDER BY (project, rule_id, minute, other, group_key);

CREATE TABLE IF NOT EXISTS devlogs.recorded_minutes_staging (
  batch_id            String,
  staged_at           DateTime('UTC'),
  project             String,
  rule_id             String,
  minute              DateTime('UTC'),
  group_key           String,
  other               UInt8,
  events              UInt64,
  value_count         UInt64,
  value_sum           Float64,
  value_min           Float64,
  value_max           Float64,
  value_p50           Float64,
  value_p90           Float64,
  value_p99           Float64,
  value_bucket_ids    Array(UInt16),
  value_bucket_counts Array(UInt64),
  version             UInt64
) ENGINE = MergeTree()
PARTITION BY toYYYYMMDD(staged_at)
ORDER BY (batch_id, minute);
