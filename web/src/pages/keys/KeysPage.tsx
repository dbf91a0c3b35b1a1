// API keys (/keys): the session's project's keys, for its admins: issue one (its raw key is shown
// once), revoke one. Others see the service's refusal, with the role it needs.

import { useState, type FormEvent } from "react";
import { issueKey, projectKeys, revokeKey } from "../../api/people";
import type { IssuedApiKey } from "../../api/types";
import { useProjectList } from "../../api/useProjectList";
import { personSession } from "../../auth/session";
import { ActionError, ListStates } from "../../components/States";
import "../members/people.css";

const SCOPES = ["ingest", "query", "admin"];

export function KeysPage() {
  const session = personSession();
  const [scopes, setScopes] = useState<string[]>(["query"]);
  const [issued, setIssued] = useState<IssuedApiKey | null>(null);
  const { list: keys, problem, change: act } = useProjectList((signal) => projectKeys(signal));

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
      <ActionError error={problem} />
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
        <ListStates
          list={keys}
          loading="Loading keys"
          isEmpty={(data) => data.keys.length === 0}
          empty="This project has no key."
        >
          {(data) => (
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
              {data.keys.map((key) => (
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
        </ListStates>
      </section>
    </section>
  );
}
