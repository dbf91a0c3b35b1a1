-- Per-project settings the Flink job reads (and reloads every settings.refresh) to enrich events.
-- A project without a row gets the defaults: PII redaction on (safe by default), 'standard'
-- retention. Plain SQL that CockroachDB also accepts.
CREATE TABLE IF NOT EXISTS project_settings (
  project_id      TEXT PRIMARY KEY REFERENCES projects (id),
  redact_pii      BOOLEAN NOT NULL DEFAULT TRUE,
  -- short = 7 days, standard = 30 days, long = 365 days (io.devlogs.projects.RetentionClass)
  retention_class TEXT NOT NULL DEFAULT 'standard'
                  CHECK (retention_class IN ('short', 'standard', 'long')),
  updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
