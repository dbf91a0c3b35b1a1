-- Issue 19: where alert transitions are sent, what was delivered and what could not be.
-- Plain SQL that CockroachDB also accepts; additive and idempotent. Depends on 005_alerts.sql
-- (alert_rules); written by the query service's notifier and its alerts API.

-- A project's receivers: a webhook (generic JSON, Slack-compatible or PagerDuty Events v2 body)
-- or an e-mail address. `secret` signs the webhook body (HMAC-SHA256); it is never listed back.
CREATE TABLE IF NOT EXISTS alert_receivers (
  project_id TEXT NOT NULL REFERENCES projects (id),
  id         UUID NOT NULL DEFAULT gen_random_uuid(),
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('webhook', 'slack', 'pagerduty', 'email')),
  target     TEXT NOT NULL,
  routing_key TEXT NOT NULL DEFAULT '',
  secret     TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, id)
);

-- Which receivers a rule notifies (none: the transition is only recorded in alert_history).
CREATE TABLE IF NOT EXISTS alert_rule_receivers (
  project_id  TEXT NOT NULL,
  rule_id     UUID NOT NULL,
  receiver_id UUID NOT NULL,
  PRIMARY KEY (project_id, rule_id, receiver_id)
);

-- Transitions delivered to a receiver, by idempotency key: a transition read again after a
-- crash is not sent twice to a receiver that has it.
CREATE TABLE IF NOT EXISTS alert_deliveries (
  project_id      TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  receiver_id     UUID NOT NULL,
  rule_id         UUID NOT NULL,
  attempts        INT NOT NULL,
  delivered_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (idempotency_key, receiver_id)
);

-- Dead letters of notifications: the last attempt failed (or the failure was permanent).
-- `payload` is the body that was sent; the project lists them through GET /v1/alerts/failures.
CREATE TABLE IF NOT EXISTS alert_notification_failures (
  project_id      TEXT NOT NULL,
  id              UUID NOT NULL DEFAULT gen_random_uuid(),
  idempotency_key TEXT NOT NULL,
  receiver_id     UUID NOT NULL,
  rule_id         UUID NOT NULL,
  state           TEXT NOT NULL,
  attempts        INT NOT NULL,
  last_error      TEXT NOT NULL,
  payload         TEXT NOT NULL,
  failed_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, id),
  UNIQUE (idempotency_key, receiver_id)
);

CREATE INDEX IF NOT EXISTS alert_notification_failures_time_idx
  ON alert_notification_failures (project_id, failed_at);
