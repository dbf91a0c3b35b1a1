// Transitions from alert_history: the firing list and a rule's history.

import type { AlertEvent } from "../../api/types";
import { formatTimestamp } from "../../components/format";
import { formatPairs } from "./ruleForm";

export function AlertEventsTable({
  events,
  showRule,
  label,
}: {
  events: AlertEvent[];
  showRule: boolean;
  label: string;
}) {
  return (
    <table className="alert-events" aria-label={label}>
      <thead>
        <tr>
          <th>At</th>
          {showRule && <th>Rule</th>}
          <th>State</th>
          <th>Value</th>
          <th>Summary</th>
          <th>Labels</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.idempotencyKey} className={`alert-event state-${event.state}`}>
            <td>{formatTimestamp(event.at)}</td>
            {showRule && (
              <td>
                {event.ruleName || <span className="muted">(deleted rule)</span>}{" "}
                {event.severity && (
                  <span className={`severity severity-${event.severity}`}>{event.severity}</span>
                )}
              </td>
            )}
            <td>
              <span className={`alert-state alert-state-${event.state}`}>{event.state}</span>
            </td>
            <td>{event.value.toLocaleString("en-US")}</td>
            <td>{event.summary}</td>
            <td className="muted">{formatPairs(event.labels)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
