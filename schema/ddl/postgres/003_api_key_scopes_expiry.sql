-- Issue 4: API keys get an id (for listing and revoking without the hash), one or more scopes
-- among ingest, query and admin, and an optional expiry. Plain SQL that CockroachDB also accepts.
--
-- Expand step of an expand/contract migration, safe to apply again and safe while services built
-- before it still run: they write only the old single-value `scope` column, so `scopes` stays
-- nullable and readers use COALESCE(scopes, ARRAY[scope]). No data is rewritten here (CockroachDB
-- allows no schema change after a write in the same transaction, and this file is one transaction).
-- Contract step, once no older service runs: backfill scopes from scope, make scopes NOT NULL,
-- drop scope.
ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS id UUID NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS scopes TEXT[];
ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS expires_at TIMESTAMPTZ;
-- New keys with several scopes, or the admin scope, leave the old column empty.
ALTER TABLE api_keys ALTER COLUMN scope DROP NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS api_keys_id_idx ON api_keys (id);
ALTER TABLE api_keys DROP CONSTRAINT IF EXISTS api_keys_scopes_check;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_scopes_check
  CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['ingest', 'query', 'admin']::TEXT[]);
ALTER TABLE api_keys DROP CONSTRAINT IF EXISTS api_keys_some_scope_check;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_some_scope_check
  CHECK (scopes IS NOT NULL OR scope IS NOT NULL);
