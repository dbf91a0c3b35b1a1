-- Every statement here runs unchanged on ClickHouse 18.16 and on current releases.
--
-- One row per project, service, level and event-time minute, written by the Flink job's minute
-- windows (io.devlogs.flink.aggregate) through the exactly-once ClickHouse sink (staged in
-- event_windows_staging below, committed with markers in devlogs.sink_commits, see
-- 002_exactly_once_sink.sql). A window is written again, as a full row with a higher version, on
-- every late update and when the job fires it again after a restart; each (window, version) row
-- lands exactly once. ReplacingMergeTree(version) keeps the highest version per (project, minute,
-- service, level). Merges happen in the background, so READERS MUST USE FINAL (or
-- argMax(column, version) grouped by the sorting key, or the rows whose (minute, service, level,
-- version) is IN the windows' max(version)) to see one row per window.
-- sink_batch: the sink batch that inserted the row (the sink checks a retried commit with it).
--
-- bytes: UTF-8 size of message + attribute keys and values. errors: events of level ERROR/FATAL.
-- latency_*: milliseconds, over the events that carried a duration (attributes duration_ms,
-- duration, latency_ms, elapsed_ms, took_ms; bare numbers are ms). latency_min/max are 0 when
-- latency_count is 0. latency_p50/p95/p99: nearest-rank percentiles within 1% relative error.
-- latency_bucket_ids/counts: the sparse log-scale histogram (only non-empty buckets), fixed layout:
-- bucket 0 = 0 ms, bucket i >= 1 = [0.001 * 1.02^(i-1), 0.001 * 1.02^i) ms, read as
-- 0.001 * 1.02^(i-1) * 2 * 1.02 / 2.02 ms. Minute buckets add up exactly, so hours and days can be
-- served from these rows (io.devlogs.flink.aggregate.WindowRollupQuery; the query service reads
-- whole hours from their rollup, event_hours in 007_event_hours.sql, where it has them), e.g. per
-- hour:
--
--   SELECT toStartOfHour(minute) AS hour, service, level,
--          sum(events), sum(bytes), sum(errors), sum(latency_count), sum(latency_sum),
--          minIf(latency_min, latency_count > 0), maxIf(latency_max, latency_count > 0),
--          tupleElement(sumMap(latency_bucket_ids, latency_bucket_counts) AS b, 1) AS ids,
--          tupleElement(b, 2) AS counts
--   FROM devlogs.event_windows FINAL
--   WHERE project = 'p_...' AND minute >= '2024-05-01 00:00:00' AND minute < '2024-05-02 00:00:00'
--   GROUP BY hour, service, level ORDER BY hour, service, level
--
-- and the percentile q of a group is the first bucket whose running count reaches ceil(q * n),
-- clamped to [min, max] (LatencyHistogram.percentile). toStartOfDay for days.
CREATE TABLE IF NOT EXISTS devlogs.event_windows (
  project               String,
  service               String,
  level                 Enum8('TRACE' = 1, 'DEBUG' = 2, 'INFO' = 3, 'WARN' = 4, 'ERROR' = 5, 'FATAL' = 6),
  minute                DateTime('UTC'),
  events                UInt64,
  bytes                 UInt64,
  errors                UInt64,
  latency_count         UInt64,
  latency_sum           Float64,
  latency_min           Float64,
  latency_max           Float64,
  latency_p50           Float64,
  latency_p95           Float64,
  latency_p99           Float64,
  latency_bucket_ids    Array(UInt16),
  latency_bucket_counts Array(UInt64),
  version               UInt64,
  sink_batch            String
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(minute)
ORDER BY (project, minute, service, level);

-- Window rows staged by the sink's writers at each checkpoint, under a batch id unique forever; the
-- committer copies a batch into event_windows once its checkpoint is complete. Rows of batches
-- that never commit stay here unused. Partitioned by staging day: the committer drops whole
-- partitions older than the retention (2 days by default).
CREATE TABLE IF NOT EXISTS devlogs.event_windows_staging (
  batch_id              String,
  staged_at             DateTime('UTC'),
  project               String,
  service               String,
  level                 Enum8('TRACE' = 1, 'DEBUG' = 2, 'INFO' = 3, 'WARN' = 4, 'ERROR' = 5, 'FATAL' = 6),
  minute                DateTime('UTC'),
  events                UInt64,
  bytes                 UInt64,
  errors                UInt64,
  latency_count         UInt64,
  latency_sum           Float64,
  latency_min           Float64,
  latency_max           Float64,
  latency_p50           Float64,
  latency_p95           Float64,
  latency_p99           Float64,
  latency_bucket_ids    Array(UInt16),
  latency_bucket_counts Array(UInt64),
  version               UInt64
) ENGINE = MergeTree()
PARTITION BY toYYYYMMDD(staged_at)
ORDER BY (batch_id, minute);
