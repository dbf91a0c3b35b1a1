-- Projects and their API keys. Plain SQL that CockroachDB also accepts.
CREATE TABLE IF NOT EXISTS projects (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Keys are stored only as the hex SHA-256 of the whole key; the prefix is kept for listing.
CREATE TABLE IF NOT EXISTS api_keys (
  key_hash   TEXT PRIMARY KEY,
  key_prefix TEXT NOT NULL,
  project_id TEXT NOT NULL REFERENCES projects (id),
  scope      TEXT NOT NULL CHECK (scope IN ('ingest', 'query')),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  revoked_at TIMESTAMPTZ
);

CREATE INDEX IF NOT EXISTS api_keys_project_idx ON api_keys (project_id);
