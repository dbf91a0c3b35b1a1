-- Every statement here runs unchanged on ClickHouse 18.16 and on current releases. 18.16 has no
-- ADD COLUMN IF NOT EXISTS: the schema tool runs an ALTER TABLE ... ADD COLUMN only when the
-- column is missing (ClickHouseSchema), so this file is idempotent like the others.
--
-- Log patterns, mined by the Flink job (io.devlogs.flink.patterns): every event gets the id of its
-- pattern, stable for the pattern's life ('' for events stored before patterns existed). The old
-- job keeps working with these columns added: it names the columns it writes, and pattern_id
-- takes its default.
ALTER TABLE devlogs.events ADD COLUMN pattern_id String DEFAULT '';
ALTER TABLE devlogs.events_staging ADD COLUMN pattern_id String DEFAULT '';

-- One row per project, pattern, service, level and event-time minute: how many events of the
-- pattern the minute held. Written like event_windows (003_event_windows.sql): by minute windows
-- through the exactly-once sink, each firing a full row with a higher version, so READERS MUST USE
-- FINAL (or argMax(events, version) grouped by the sorting key).
CREATE TABLE IF NOT EXISTS devlogs.pattern_minutes (
  project     String,
  pattern_id  String,
  service     String,
  level       Enum8('TRACE' = 1, 'DEBUG' = 2, 'INFO' = 3, 'WARN' = 4, 'ERROR' = 5, 'FATAL' = 6),
  minute      DateTime('UTC'),
  events      UInt64,
  version     UInt64,
  sink_batch  String
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(minute)
ORDER BY (project, minute, pattern_id, service, level);

CREATE TABLE IF NOT EXISTS devlogs.pattern_minutes_staging (
  batch_id    String,
  staged_at   DateTime('UTC'),
  project     String,
  pattern_id  String,
  service     String,
  level       Enum8('TRACE' = 1, 'DEBUG' = 2, 'INFO' = 3, 'WARN' = 4, 'ERROR' = 5, 'FATAL' = 6),
  minute      DateTime('UTC'),
  events      UInt64,
  version     UInt64
) ENGINE = MergeTree()
PARTITION BY toYYYYMMDD(staged_at)
ORDER BY (batch_id, minute);

-- One row per version of a pattern: its current template (tokens joined by spaces, <*> for a
-- variable), the event time it was first seen and its first message. A pattern is written when it
-- is created (version 1) and each time its template generalises (version + 1), through the
-- exactly-once sink. ReplacingMergeTree(version) keeps the newest per (project, pattern_id):
-- readers use FINAL or argMax(template, version). A pattern evicted from the job's bounded state
-- and seen again later starts over at version 1 under the same id (its first template is the
-- same), so readers take min(first_seen) over the versions.
CREATE TABLE IF NOT EXISTS devlogs.patterns (
  project     String,
  pattern_id  String,
  template    String,
  first_seen  DateTime('UTC'),
  example     String,
  version     UInt64,
  sink_batch  String
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(first_seen)
ORDER BY (project, pattern_id);

CREATE TABLE IF NOT EXISTS devlogs.patterns_staging (
  batch_id    String,
  staged_at   DateTime('UTC'),
  project     String,
  pattern_id  String,
  template    String,
  first_seen  DateTime('UTC'),
  example     String,
  version     UInt64
) ENGINE = MergeTree()
PARTITION BY toYYYYMMDD(staged_at)
ORDER BY (batch_id, pattern_id);
