-- Issue 19: the alert rule kinds beyond 005's first three (io.devlogs.alerts.AlertKind):
-- latency_percentile, new_pattern and derived_metric (an alert over a recording rule's minutes,
-- whose id lives in the definition, so no column is added). This is the one definition of the
-- kinds check: widen it here when a kind is added. Every script is applied again at every start,
-- so a narrower check in an earlier script would fail on the stored rules of later kinds (it
-- did: 008 re-added the check without derived_metric). Plain SQL that CockroachDB also accepts.
ALTER TABLE alert_rules DROP CONSTRAINT IF EXISTS alert_rules_kind_check;
ALTER TABLE alert_rules ADD CONSTRAINT alert_rules_kind_check
  CHECK (kind IN ('match_count', 'absence', 'error_rate', 'latency_percentile', 'new_pattern',
                  'derived_metric'));
