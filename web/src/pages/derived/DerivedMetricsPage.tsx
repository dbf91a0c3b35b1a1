// Derived metrics (/derived-metrics): the project's recording rules (GET /v1/recording/rules),
// each with what it records, a link to its chart on the Metrics page and to its editor. Everyone
// sees them; creating, editing and deleting need the editor role (the API answers 403 otherwise).

import { Link } from "react-router-dom";
import { recordingRules } from "../../api/client";
import { mayChange } from "../../api/people";
import { useApi } from "../../api/useApi";
import { ListStates } from "../../components/States";
import { describeDerived } from "./derivedForm";
import "../alerts/alerts.css";

export function DerivedMetricsPage() {
  const canChange = mayChange("editor");
  const rules = useApi((signal) => recordingRules(signal), "recording-rules");
  return (
    <section className="page alerts-page derived-page">
      <div className="toolbar">
        <h1>Derived metrics</h1>
        {canChange && (
          <div className="actions">
            <Link className="button" to="/derived-metrics/new">
              New derived metric
            </Link>
          </div>
        )}
      </div>
      <section className="card" aria-label="Recording rules">
        <p className="muted small">
          A recording rule turns the events it matches into a value per minute and group, computed in the
          pipeline as the events arrive. Chart it on the Metrics page or as a dashboard panel.
        </p>
        <ListStates
          list={rules}
          loading="Reading derived metrics"
          isEmpty={(data) => data.rules.length === 0}
          empty={
            <>
              No derived metrics yet.{" "}
              {canChange && (
                <>
                  <Link to="/derived-metrics/new">Create one</Link>: for example the p99 of duration_ms of
                  checkout events, by region.
                </>
              )}
            </>
          }
        >
          {(data) => (
            <table className="recording-rules">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Records</th>
                  <th>State</th>
                  <th>Version</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.rules.map((rule) => (
                  <tr key={rule.id} className="recording-rule" data-rule={rule.name}>
                    <td>
                      <Link to={`/derived-metrics/${rule.id}`}>{rule.name}</Link>
                    </td>
                    <td>{describeDerived(rule.definition)}</td>
                    <td>{rule.enabled ? "recording" : "paused"}</td>
                    <td>{rule.version}</td>
                    <td>
                      <Link to={`/metrics?derived=${encodeURIComponent(rule.id)}`}>Chart</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </ListStates>
      </section>
    </section>
  );
}
