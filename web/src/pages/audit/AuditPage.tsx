// Audit log (/audit): the security-relevant actions of an organisation the person owns, newest
// first: sign-ins and their failures, lockouts, invitations, role changes, keys issued and revoked.

import { useState } from "react";
import { auditLog, organisations } from "../../api/people";
import type { AuditEntry } from "../../api/types";
import { useApi } from "../../api/useApi";
import { Empty, ErrorState, Loading } from "../../components/States";
import "../members/people.css";

export function AuditPage() {
  const mine = useApi((signal) => organisations(signal), "organisations");
  const owned =
    mine.status === "ready" ? mine.data.organisations.filter((m) => m.role === "owner") : [];
  const [chosen, setChosen] = useState<string | null>(null);
  const organisationId = chosen ?? owned[0]?.organisationId ?? null;
  const entries = useApi<{ entries: AuditEntry[] }>(
    (signal) =>
      organisationId ? auditLog(organisationId, signal) : Promise.resolve({ entries: [] }),
    organisationId ?? "none",
  );

  return (
    <section className="page people-page audit-page">
      <div className="toolbar">
        <h1>Audit log</h1>
        {owned.length > 1 && (
          <select
            aria-label="Organisation"
            value={organisationId ?? ""}
            onChange={(e) => setChosen(e.target.value)}
          >
            {owned.map((m) => (
              <option key={m.organisationId} value={m.organisationId}>
                {m.organisationName}
              </option>
            ))}
          </select>
        )}
      </div>
      <section className="card" aria-label="Audit entries">
        {mine.status === "loading" && <Loading what="Loading organisations" />}
        {mine.status === "error" && <ErrorState error={mine.error} />}
        {mine.status === "ready" && owned.length === 0 && (
          <Empty>Only an organisation's owners read its audit log, and you own none.</Empty>
        )}
        {organisationId && entries.status === "loading" && !entries.previous && (
          <Loading what="Loading the audit log" />
        )}
        {organisationId && entries.status === "error" && <ErrorState error={entries.error} />}
        {organisationId && entries.status === "ready" && entries.data.entries.length === 0 && (
          <Empty>Nothing happened yet.</Empty>
        )}
        {organisationId && entries.status === "ready" && entries.data.entries.length > 0 && (
          <table className="people-table">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>What</th>
                <th>On</th>
                <th>From</th>
                <th>Detail</th>
              </tr>
            </thead>
            <tbody>
              {entries.data.entries.map((entry) => (
                <tr key={entry.id} data-action={entry.action}>
                  <td>{new Date(entry.at).toLocaleString()}</td>
                  <td>{entry.actor}</td>
                  <td>{entry.action.split("_").join(" ")}</td>
                  <td>{entry.target ?? ""}</td>
                  <td>{entry.sourceAddress ?? ""}</td>
                  <td>{entry.detail ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
