// Alerts (/alerts): the alerts firing now (GET /v1/alerts/firing, refreshed every 10 s) and the
// project's rules (GET /v1/alerts/rules) with mute / enable and a link to each rule's editor.

import { useState } from "react";
import { Link } from "react-router-dom";
import { alertRules, firingAlerts, setAlertRuleEnabled } from "../../api/client";
import { mayChange } from "../../api/people";
import type { AlertRule } from "../../api/types";
import { asApiError, useApi } from "../../api/useApi";
import type { ApiError } from "../../api/client";
import { Empty, ErrorState, Loading } from "../../components/States";
import { AlertEventsTable } from "./AlertEventsTable";
import { AlertsNav } from "./AlertsNav";
import "./alerts.css";

const FIRING_REFRESH_MS = 10_000;

function describe(rule: AlertRule): string {
  const d = rule.definition as { window_seconds: number; op?: string; threshold?: number; percentile?: number; over?: string };
  const window = `${d.window_seconds} s`;
  if (rule.kind === "absence") return `no matching event for ${window}`;
  if (rule.kind === "error_rate") return `error rate ${d.op} ${d.threshold} over ${window}`;
  if (rule.kind === "latency_percentile") return `p${Number(((d.percentile ?? 0) * 100).toFixed(2))} latency ${d.op} ${d.threshold} ms over ${window}`;
  if (rule.kind === "new_pattern") return `a new log pattern, learnt over ${window}`;
  if (rule.kind === "derived_metric") return `${d.over} of a derived metric ${d.op} ${d.threshold} over ${window}`;
  return `matches ${d.op} ${d.threshold} over ${window}`;
}

export function RulesPage() {
  const canChange = mayChange("editor");
  const [changes, setChanges] = useState(0);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const firing = useApi((signal) => firingAlerts(signal), "firing", FIRING_REFRESH_MS);
  const rules = useApi((signal) => alertRules(signal), `rules-${changes}`);

  async function toggle(rule: AlertRule) {
    setActionError(null);
    try {
      await setAlertRuleEnabled(rule.id, !rule.enabled);
      setChanges((n) => n + 1);
    } catch (e) {
      setActionError(asApiError(e));
    }
  }

  return (
    <section className="page alerts-page">
      <div className="toolbar">
        <h1>Alerts</h1>
        <AlertsNav />
        {canChange && (
          <div className="actions">
            <Link className="button" to="/alerts/rules/new">
              New rule
            </Link>
          </div>
        )}
      </div>
      <section className="card" aria-label="Firing alerts">
        <h2>Firing now</h2>
        {firing.status === "loading" && !firing.previous && <Loading what="Reading alerts" />}
        {firing.status === "error" && <ErrorState error={firing.error} />}
        {(() => {
          const data = firing.status === "ready" ? firing.data : firing.status === "loading" ? firing.previous : undefined;
          if (!data) return null;
          return data.alerts.length === 0 ? (
            <Empty>Nothing is firing.</Empty>
          ) : (
            <AlertEventsTable events={data.alerts} showRule label="Firing alerts list" />
          );
        })()}
      </section>
      <section className="card" aria-label="Alert rules">
        <h2>Rules</h2>
        {actionError && <ErrorState error={actionError} />}
        {rules.status === "loading" && !rules.previous && <Loading what="Reading rules" />}
        {rules.status === "error" && <ErrorState error={rules.error} />}
        {(() => {
          const data = rules.status === "ready" ? rules.data : rules.status === "loading" ? rules.previous : undefined;
          if (!data) return null;
          if (data.rules.length === 0) {
            return (
              <Empty>
                No rules yet.{" "}
                {canChange && (
                  <>
                    <Link to="/alerts/rules/new">Create one</Link>: the job decides it on every event,
                    seconds after the line that crosses it.
                  </>
                )}
              </Empty>
            );
          }
          return (
            <table className="alert-rules">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Condition</th>
                  <th>Severity</th>
                  <th>State</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.rules.map((rule) => (
                  <tr key={rule.id} className="alert-rule" data-rule={rule.name}>
                    <td>
                      <Link to={`/alerts/rules/${rule.id}`}>{rule.name}</Link>
                    </td>
                    <td>
                      {describe(rule)}
                      {rule.forSeconds > 0 && ` for ${rule.forSeconds} s`}
                    </td>
                    <td>
                      <span className={`severity severity-${rule.severity}`}>{rule.severity}</span>
                    </td>
                    <td className="rule-enabled">{rule.enabled ? "enabled" : "muted"}</td>
                    <td>
                      {canChange && (
                        <button type="button" onClick={() => toggle(rule)}>
                          {rule.enabled ? "Mute" : "Enable"}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        })()}
      </section>
    </section>
  );
}
