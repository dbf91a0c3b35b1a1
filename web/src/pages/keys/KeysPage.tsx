// API keys (/keys): the session's project's keys, for its admins: issue one (its raw key is shown
// once), revoke one. Others see the service's refusal, with the role it needs.

import { useState, type FormEvent } from "react";
import { issueKey, projectKeys, revokeKey } from "../../api/people";
import type { IssuedApiKey } from "../../api/types";
import { useApi } from "../../api/useApi";
import { personSession } from "../../auth/session";
import { Empty, ErrorState, Loading } from "../../components/States";
import "../members/people.css";

const SCOPES = ["ingest", "query", "admin"];

export function KeysPage() {
  const session = personSession();
  const [changes, setChanges] = useState(0);
  const [scopes, setScopes] = useState<string[]>(["query"]);
  const [issued, setIssued] = useState<IssuedApiKey | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const keys = useApi((signal) => projectKeys(signal), `${session?.project?.projectId} ${changes}`);

  async function act(action: () => Promise<unknown>) {
    setProblem(null);
    try {
      await action();
      setChanges((n) => n + 1);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  }

  async function issue(e: FormEvent) {
    e.preventDefault();
    setIssued(null);
    await act(async () => setIssued(await issueKey(scopes)));
  }

  return (
    <section className="page people-page keys-page">
      <div className="toolbar">
        <h1>API keys of {session?.project?.projectName ?? "no project"}</h1>
      </div>
      {problem && (
        <p className="state state-error action-error" role="alert">
          {problem}
        </p>
      )}
      <section className="card" aria-label="Issue a key">
        <form className="inline-form" onSubmit={issue}>
          {SCOPES.map((scope) => (
            <label key={scope}>
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(e) =>
                  setScopes(
                    e.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope),
                  )
                }
              />{" "}
              {scope}
            </label>
          ))}
          <button type="submit" disabled={scopes.length === 0}>
            Issue key
          </button>
        </form>
        {issued && (
          <p className="issued-key">
            The new key, shown this once: <code data-testid="issued-key">{issued.key}</code>
          </p>
        )}
      </section>
      <section className="card" aria-label="Keys">
        {keys.status === "loading" && !keys.previous && <Loading what="Loading keys" />}
        {keys.status === "error" && <ErrorState error={keys.error} />}
        {keys.status === "ready" && keys.data.keys.length === 0 && <Empty>This project has no key.</Empty>}
        {keys.status === "ready" && keys.data.keys.length > 0 && (
          <table className="people-table">
            <thead>
              <tr>
                <th>Key</th>
                <th>Scopes</th>
                <th>Status</th>
                <th>Created</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {keys.data.keys.map((key) => (
                <tr key={key.id} data-key-id={key.id}>
                  <td>
                    <code>{key.prefix}…</code>
                  </td>
                  <td>{key.scopes.join(", ")}</td>
                  <td>{key.status}</td>
                  <td>{new Date(key.createdAt).toLocaleString()}</td>
                  <td>
                    {key.status === "active" && (
                      <button type="button" className="link" onClick={() => act(() => revokeKey(key.id))}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
