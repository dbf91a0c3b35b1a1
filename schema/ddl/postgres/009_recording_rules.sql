-- Issue 19: recording rules (derived metrics) per project. The Flink job reloads the enabled ones
-- every alerts.refresh and records one value per minute and group in ClickHouse recorded_minutes.
-- Plain SQL that CockroachDB also accepts; idempotent.
--
-- definition (io.devlogs.recording.RecordingRule parses and checks it):
--   {"filter": {"service": "pay", "level": "error", "text": "declined", "attributes": {"k": "v"}},
--    "aggregation": "count|sum|min|max|avg|p50|p90|p99", "field": "duration_ms",
--    "group_by": ["service", "level", "stream", "<attribute key>"], "max_groups": 50}
-- version is bumped on every edit.
CREATE TABLE IF NOT EXISTS recording_rules (
  project_id  TEXT NOT NULL REFERENCES projects (id),
  id          UUID NOT NULL DEFAULT gen_random_uuid(),
  name        TEXT NOT NULL,
  definition  JSONB NOT NULL,
  enabled     BOOLEAN NOT NULL DEFAULT TRUE,
  version     BIGINT NOT NULL DEFAULT 1,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, id)
);
