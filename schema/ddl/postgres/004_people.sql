-- Issue 18: people, organisations, roles, invitations, sessions, sign-in lockout and the audit log.
-- Plain SQL that CockroachDB also accepts; additive and idempotent (safe to apply again, and safe
-- while services built before it run: they never read these tables, and projects keeps its
-- columns). Each table is created in one statement, so no schema change follows a write.

CREATE TABLE IF NOT EXISTS organisations (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Organisations own projects; a project created before organisations has none until the operator
-- attaches it (then only API keys reach it).
ALTER TABLE projects ADD COLUMN IF NOT EXISTS organisation_id TEXT REFERENCES organisations (id);
CREATE INDEX IF NOT EXISTS projects_organisation_idx ON projects (organisation_id);

-- A person. password_hash is an Argon2id string ($argon2id$v=19$m=...), null for people who only
-- sign in through single sign-on; (sso_issuer, sso_subject) is their identity at the provider.
CREATE TABLE IF NOT EXISTS users (
  id            TEXT PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  password_hash TEXT,
  sso_issuer    TEXT,
  sso_subject   TEXT,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (sso_issuer, sso_subject)
);

-- Membership of an organisation. role is the person's role on every project of the organisation
-- (null: none by default, only the projects of project_members); 'owner' makes them an
-- organisation owner. sso_managed rows are rewritten from the provider's claim at each SSO sign-in.
CREATE TABLE IF NOT EXISTS organisation_members (
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  user_id         TEXT NOT NULL REFERENCES users (id),
  role            TEXT CHECK (role IS NULL OR role IN ('viewer', 'editor', 'admin', 'owner')),
  sso_managed     BOOLEAN NOT NULL DEFAULT FALSE,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX IF NOT EXISTS organisation_members_user_idx ON organisation_members (user_id);

-- A role on one project; the effective role is the higher of this and the organisation-wide one.
CREATE TABLE IF NOT EXISTS project_members (
  project_id TEXT NOT NULL REFERENCES projects (id),
  user_id    TEXT NOT NULL REFERENCES users (id),
  role       TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin', 'owner')),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, user_id)
);
CREATE INDEX IF NOT EXISTS project_members_user_idx ON project_members (user_id);

-- An invitation by link: the link's token is stored only as its SHA-256; single use and expiring.
-- project_id null: a role on every project of the organisation.
CREATE TABLE IF NOT EXISTS invitations (
  id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash      TEXT NOT NULL UNIQUE,
  organisation_id TEXT NOT NULL REFERENCES organisations (id),
  project_id      TEXT REFERENCES projects (id),
  role            TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin', 'owner')),
  email           TEXT NOT NULL,
  invited_by      TEXT,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at      TIMESTAMPTZ NOT NULL,
  accepted_at     TIMESTAMPTZ,
  accepted_by     TEXT REFERENCES users (id)
);
CREATE INDEX IF NOT EXISTS invitations_organisation_idx ON invitations (organisation_id);

-- A browser session: the cookie holds a random id, the table only its SHA-256. project_id is the
-- project the person chose (checked against their roles at every request).
CREATE TABLE IF NOT EXISTS sessions (
  id_hash      TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users (id),
  project_id   TEXT REFERENCES projects (id),
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_seen_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at   TIMESTAMPTZ NOT NULL,
  revoked_at   TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS sessions_user_idx ON sessions (user_id);

-- Failed sign-ins per subject ('account:<email>' or 'address:<ip>') in the current window, and
-- until when the subject is locked out.
CREATE TABLE IF NOT EXISTS sign_in_throttle (
  subject           TEXT PRIMARY KEY,
  failures          INT NOT NULL,
  window_started_at TIMESTAMPTZ NOT NULL,
  locked_until      TIMESTAMPTZ
);

-- Security-relevant actions; organisation_id null for those of no organisation (an unknown email).
CREATE TABLE IF NOT EXISTS audit_log (
  id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  at              TIMESTAMPTZ NOT NULL DEFAULT now(),
  organisation_id TEXT REFERENCES organisations (id),
  project_id      TEXT,
  actor           TEXT NOT NULL,
  action          TEXT NOT NULL,
  target          TEXT,
  source_address  TEXT,
  detail          TEXT
);
CREATE INDEX IF NOT EXISTS audit_log_organisation_idx ON audit_log (organisation_id, at);
