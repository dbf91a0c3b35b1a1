-- Tables of the exactly-once ClickHouse sink (io.devlogs.flink.sinks.clickhouse).
-- Every statement here runs unchanged on ClickHouse 18.16 and on current releases.

-- Rows staged by the sink's writers at each checkpoint, tagged with a batch id that is unique
-- forever. The committer copies a batch into devlogs.events once the checkpoint is complete.
-- Rows of batches that never commit (the checkpoint failed and the job restarted) stay here
-- unused. Partitioned by staging day: the committer drops whole partitions older than the
-- retention (2 days by default), no ALTER DELETE mutations.
CREATE TABLE IF NOT EXISTS devlogs.events_staging (
  batch_id    String,
  staged_at   DateTime('UTC'),
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
  retention_days UInt16
) ENGINE = MergeTree()
PARTITION BY toYYYYMMDD(staged_at)
ORDER BY (batch_id, ts);

-- Commit markers of every target of the sink (column target: devlogs.events,
-- devlogs.event_windows): one 'intent' row before a batch's rows of one target partition are
-- copied, one 'done' row after. A retried commit skips 'done' and checks the target for 'intent'.
-- On a cluster, make this a Replicated table (or keep it on the node that owns the target).
CREATE TABLE IF NOT EXISTS devlogs.sink_commits (
  target      String,
  batch_id    String,
  part_key    Int64,
  state       Enum8('intent' = 1, 'done' = 2),
  rows        UInt64,
  at          DateTime('UTC')
) ENGINE = MergeTree()
PARTITION BY toYYYYMM(at)
ORDER BY (target, batch_id, part_key);
