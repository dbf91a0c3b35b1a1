// Dashboards (/dashboards): the project's dashboards; editors create one or import an export.

import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import { createDashboard, dashboards, importDashboard } from "../../api/boards";
import { useApi } from "../../api/useApi";
import { personSession } from "../../auth/session";
import { Empty, ErrorState, Loading } from "../../components/States";
import { emptyDashboard } from "./panelQuery";
import "../members/people.css";
import "./dashboards.css";

export function DashboardsPage() {
  const session = personSession();
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [importText, setImportText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const list = useApi((signal) => dashboards(signal), `${session?.project?.projectId}`);

  async function act(action: () => Promise<{ id: string }>) {
    setProblem(null);
    try {
      const created = await action();
      navigate(`/dashboards/${created.id}`);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  }

  function create(e: FormEvent) {
    e.preventDefault();
    void act(() => createDashboard(emptyDashboard(name.trim())));
  }

  function importExport(e: FormEvent) {
    e.preventDefault();
    let document: unknown;
    try {
      document = JSON.parse(importText);
    } catch {
      setProblem("The export is not JSON.");
      return;
    }
    void act(() => importDashboard(document));
  }

  return (
    <section className="page people-page dashboards-page">
      <div className="toolbar">
        <h1>Dashboards of {session?.project?.projectName ?? "no project"}</h1>
      </div>
      {problem && (
        <p className="state state-error action-error" role="alert">
          {problem}
        </p>
      )}
      <section className="card" aria-label="New dashboard">
        <form className="inline-form" onSubmit={create}>
          <input
            aria-label="Dashboard name"
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" disabled={name.trim() === ""}>
            Create dashboard
          </button>
        </form>
        <details>
          <summary>Import an export</summary>
          <form className="import-form" onSubmit={importExport}>
            <textarea
              aria-label="Dashboard export (JSON)"
              rows={6}
              value={importText}
              onChange={(e) => setImportText(e.target.value)}
            />
            <button type="submit" disabled={importText.trim() === ""}>
              Import
            </button>
          </form>
        </details>
      </section>
      <section className="card" aria-label="Dashboards">
        {list.status === "loading" && <Loading what="Loading dashboards" />}
        {list.status === "error" && <ErrorState error={list.error} />}
        {list.status === "ready" && list.data.dashboards.length === 0 && (
          <Empty>This project has no dashboard yet.</Empty>
        )}
        {list.status === "ready" && list.data.dashboards.length > 0 && (
          <table className="people-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Panels</th>
                <th>Changed</th>
              </tr>
            </thead>
            <tbody>
              {list.data.dashboards.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link to={`/dashboards/${d.id}`}>{d.name}</Link>
                  </td>
                  <td>{d.panels}</td>
                  <td>{new Date(d.updatedAt).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
