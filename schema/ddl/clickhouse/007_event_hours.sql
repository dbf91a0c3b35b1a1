-- Every statement here runs unchanged on ClickHouse 18.16 and on current releases.
--
-- The hourly rollup of event_windows (003_event_windows.sql): one row per project, service, level
-- and event-time hour, the sum of that hour's minute rows (each minute at its newest version),
-- written by the Flink job's hour windows over the minute rows (io.devlogs.flink.aggregate.
-- HourRollup) through the exactly-once ClickHouse sink, as event_windows is. It exists to make long
-- ranges cheap: a day's series sums 24 rows per key instead of 1,440, and summing the latency
-- histograms (sumMap) is most of a metrics read's time.
--
-- An hour gets its first row when the job's watermark passes its end, and a new full row with a
-- higher version on every late update of one of its minutes (the same versions as event_windows:
-- READERS MUST USE the newest version per (project, hour, service, level), as there). The columns
-- mean what they mean in event_windows, summed over the hour; latency_p50/p95/p99 are the hour's.
--
-- Readers take an hour from here only for the (hour, service, level) that have a row here, and
-- from event_windows otherwise: the open hour, hours written before this table existed, and an
-- hour whose row is not yet committed (io.devlogs.query.metrics.ClickHouseWindowTotals). Between
-- the commits of a late update's minute row and its hour row (one checkpoint), a reader may see
-- the hour without that update.
CREATE TABLE IF NOT EXISTS devlogs.event_hours (
  project               String,
  service               String,
  level                 Enum8('TRACE' = 1, 'DEBUG' = 2, 'INFO' = 3, 'WARN' = 4, 'ERROR' = 5, 'FATAL' = 6),
  hour                  DateTime('UTC'),
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
PARTITION BY toYYYYMM(hour)
ORDER BY (project, hour, service, level);

-- Hour rows staged by the sink's writers at each checkpoint (as event_windows_staging).
CREATE TABLE IF NOT EXISTS devlogs.event_hours_staging (
  batch_id              String,
  staged_at             DateTime('UTC'),
  project               String,
  service               String,
  level                 Enum8('TRACE' = 1, 'DEBUG' = 2, 'INFO' = 3, 'WARN' = 4, 'ERROR' = 5, 'FATAL' = 6),
  hour                  DateTime('UTC'),
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
ORDER BY (batch_id, hour);
