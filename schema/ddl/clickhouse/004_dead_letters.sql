-- Every statement here runs unchanged on ClickHouse 18.16 and on current releases.
--
-- Dead letters: records the Flink job could not store (or not count), one row each, per project,
-- so a user can list them (query service GET /v1/dead-letters) and replay them after a fix (ingest
-- POST /v1/admin/dead-letters/replay). The job writes every dead letter here, in addition to the
-- Kafka topic devlogs-dead-letter, through the exactly-once ClickHouse sink (staging table below,
-- commit markers in devlogs.sink_commits, see 002_exactly_once_sink.sql): each dead letter is one
-- row, counts are exact without FINAL.
--
-- received_at / received_ms: when ingest received the record (header devlogs-received-ms, else the
-- Kafka timestamp): deterministic, so a replayed job writes the same row.
-- dead_letter_id: a name-based UUID of the cause and the record's source (topic/partition/offset),
-- or of the cause, project and value for an event that failed after parsing (no Kafka position).
-- cause: DeadLetter.Cause#code() (unparseable, out_of_bounds, too_late, refused_by_clickhouse, ...);
-- a String, not an Enum8, so a new cause needs no schema change. reason: the human-readable why.
-- value: the original record as UTF-8 text (bytes that are not UTF-8 become U+FFFD), cut at 65,536
-- bytes on a character boundary; value_bytes is the original size, value_truncated 1 when cut.
-- format, stream, service, record_index, idempotency_key: the record's devlogs-* headers as ingest
-- wrote them (NULL when absent); a replay sends them again so the job derives the same event id.
-- source_*: where the record was read (topic, partition, offset; '<stage>', -1, -1 after parsing).
-- retention_days: 30 for every dead letter. 18.16 has no TTL: the partition key is
-- retention_days * 100000000 + toYYYYMMDD(received_at), as in devlogs.events, so the sink's
-- RetentionSweeper drops a whole partition once its day is older than its retention.
CREATE TABLE IF NOT EXISTS devlogs.dead_letters (
  project          String,
  received_at      DateTime('UTC'),
  received_ms      Int64,
  dead_letter_id   String,
  cause            String,
  reason           String,
  value            String,
  value_bytes      UInt32,
  value_truncated  UInt8,
  format           Nullable(String),
  stream           Nullable(String),
  service          Nullable(String),
  record_index     Nullable(String),
  idempotency_key  Nullable(String),
  source_topic     String,
  source_partition Int32,
  source_offset    Int64,
  retention_days   UInt16,
  sink_batch       String
) ENGINE = ReplacingMergeTree()
PARTITION BY retention_days * 100000000 + toYYYYMMDD(received_at)
ORDER BY (project, received_at, dead_letter_id);

-- Dead letters staged by the sink's writers at each checkpoint, under a batch id unique forever;
-- the committer copies a batch into dead_letters once its checkpoint is complete. Rows of batches
-- that never commit stay here unused. Partitioned by staging day: the committer drops whole
-- partitions older than the retention (2 days by default).
CREATE TABLE IF NOT EXISTS devlogs.dead_letters_staging (
  batch_id         String,
  staged_at        DateTime('UTC'),
  project          String,
  received_at      DateTime('UTC'),
  received_ms      Int64,
  dead_letter_id   String,
  cause            String,
  reason           String,
  value            String,
  value_bytes      UInt32,
  value_truncated  UInt8,
  format           Nullable(String),
  stream           Nullable(String),
  service          Nullable(String),
  record_index     Nullable(String),
  idempotency_key  Nullable(String),
  source_topic     String,
  source_partition Int32,
  source_offset    Int64,
  retention_days   UInt16
) ENGINE = MergeTree()
PARTITION BY toYYYYMMDD(staged_at)
ORDER BY (batch_id, received_at);
