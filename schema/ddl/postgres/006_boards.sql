-- Issue 18, the sharing half: saved searches, dashboards and public read-only links.
-- Plain SQL that CockroachDB also accepts; additive and idempotent (safe to apply again, and safe
-- while services built before it run: they never read these tables). Ids are random UUIDs made by
-- the service; documents are JSON kept as text (the service validates them, SQL never reads them).

-- A saved search of a project: its search parameters ({"q": ["..."], "service": ["api"]}), its
-- range (relative like '1h', or absolute from/to) and its chosen columns. Private to its owner
-- unless shared with the project.
CREATE TABLE IF NOT EXISTS saved_searches (
  id             UUID PRIMARY KEY,
  project_id     TEXT NOT NULL REFERENCES projects (id),
  owner_id       TEXT NOT NULL REFERENCES users (id),
  name           TEXT NOT NULL,
  query          TEXT NOT NULL,
  range_relative TEXT,
  range_from     TIMESTAMPTZ,
  range_to       TIMESTAMPTZ,
  columns        TEXT NOT NULL,
  shared         BOOLEAN NOT NULL DEFAULT FALSE,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK ((range_relative IS NULL) = (range_from IS NOT NULL AND range_to IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS saved_searches_project_idx ON saved_searches (project_id, owner_id);

-- A dashboard of a project: its document (the versioned export format: time range, variables,
-- refresh, panels on a grid).
CREATE TABLE IF NOT EXISTS dashboards (
  id         UUID PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id),
  name       TEXT NOT NULL,
  document   TEXT NOT NULL,
  created_by TEXT REFERENCES users (id),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS dashboards_project_idx ON dashboards (project_id);

-- A public read-only link: the token is stored only as its SHA-256, like sessions. It answers one
-- thing: a stream of the project (from range_from to range_to, or to now when null) or the
-- snapshot of a saved search taken when the link was made (the answer's JSON, kept as text).
CREATE TABLE IF NOT EXISTS public_links (
  id          UUID PRIMARY KEY,
  token_hash  TEXT NOT NULL UNIQUE,
  project_id  TEXT NOT NULL REFERENCES projects (id),
  kind        TEXT NOT NULL CHECK (kind IN ('stream', 'search_snapshot')),
  title       TEXT NOT NULL,
  stream      TEXT,
  range_from  TIMESTAMPTZ,
  range_to    TIMESTAMPTZ,
  snapshot    TEXT,
  created_by  TEXT NOT NULL REFERENCES users (id),
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at  TIMESTAMPTZ NOT NULL,
  revoked_at  TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS public_links_project_idx ON public_links (project_id, created_at);
