-- Issue 19: the derived_metric rule kind (io.devlogs.alerts.AlertKind): an alert over a recording
-- rule's minutes. Additive and idempotent: the check is replaced by a wider one, so every stored
-- rule still passes and services built before it (which write only the older kinds) keep working.
-- The recording rule's id lives in the definition (JSONB), so no column is added. Plain SQL that
-- CockroachDB also accepts.
ALTER TABLE alert_rules DROP CONSTRAINT IF EXISTS alert_rules_kind_check;
ALTER TABLE alert_rules ADD CONSTRAINT alert_rules_kind_check
  CHECK (kind IN ('match_count', 'absence', 'error_rate', 'latency_percentile', 'new_pattern',
                  'derived_metric'));
