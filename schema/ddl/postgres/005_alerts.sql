-- Issue 19: alert rules per project, silences, and every transition the job decided (written by
-- the Flink job exactly once through the JDBC connector's XA sink; PostgreSQL needs
-- max_prepared_transactions > 0 for that). Plain SQL that CockroachDB also accepts; idempotent.
--
-- definition holds the kind's parameters (io.devlogs.alerts.AlertRule parses and checks them):
--   match_count: {"filter": {...}, "window_seconds": 300, "op": ">", "threshold": 10}
--   absence:     {"filter": {...}, "window_seconds": 600}
--   error_rate:  {"filter": {...}, "window_seconds": 300, "op": ">", "threshold": 0.05}
-- filter: {"service": "pay", "level": "error", "text": "declined", "attributes": {"k": "v"}},
-- every field optional. version is bumped on every edit; the job replaces a rule's state when it
-- changes.
CREATE TABLE IF NOT EXISTS alert_rules (
  project_id  TEXT NOT NULL REFERENCES projects (id),
  id          UUID NOT NULL DEFAULT gen_random_uuid(),
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('match_count', 'absence', 'error_rate')),
  definition  JSONB NOT NULL,
  for_seconds INT NOT NULL DEFAULT 0 CHECK (for_seconds >= 0),
  severity    TEXT NOT NULL DEFAULT 'warning' CHECK (severity IN ('info', 'warning', 'critical')),
  labels      JSONB NOT NULL DEFAULT '{}',
  description TEXT NOT NULL DEFAULT '',
  enabled     BOOLEAN NOT NULL DEFAULT TRUE,
  version     BIGINT NOT NULL DEFAULT 1,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, id)
);

-- A silence mutes notifications of one rule (rule_id) or of every rule of the project (NULL)
-- whose labels equal all of matchers, from starts_at until ends_at. The history still records
-- the transitions, labelled silenced=true.
CREATE TABLE IF NOT EXISTS alert_silences (
  project_id TEXT NOT NULL REFERENCES projects (id),
  id         UUID NOT NULL DEFAULT gen_random_uuid(),
  rule_id    UUID,
  matchers   JSONB NOT NULL DEFAULT '{}',
  starts_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  ends_at    TIMESTAMPTZ NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  comment    TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (project_id, id)
);

-- Every transition once: the job's XA sink inserts with ON CONFLICT (idempotency_key) DO NOTHING.
CREATE TABLE IF NOT EXISTS alert_history (
  project_id      TEXT NOT NULL,
  rule_id         UUID NOT NULL,
  fingerprint     TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('pending', 'firing', 'resolved')),
  value           DOUBLE PRECISION NOT NULL,
  at              TIMESTAMPTZ NOT NULL,
  labels          JSONB NOT NULL DEFAULT '{}',
  summary         TEXT NOT NULL DEFAULT '',
  idempotency_key TEXT PRIMARY KEY
);

CREATE INDEX IF NOT EXISTS alert_history_rule_idx ON alert_history (project_id, rule_id, at);
