// Receivers (/alerts/receivers): where transitions are sent (webhook, Slack, PagerDuty, e-mail),
// a test-send per receiver, and the notifications that could not be delivered after every retry.

import { useState } from "react";
import {
  alertReceivers,
  createReceiver,
  notificationFailures,
  testReceiver,
} from "../../api/client";
import { mayChange } from "../../api/people";
import type { CreatedReceiver, ReceiverInput, ReceiverTest } from "../../api/types";
import { asApiError, useApi } from "../../api/useApi";
import { useProjectList } from "../../api/useProjectList";
import { ActionError, ListStates } from "../../components/States";
import { formatTimestamp } from "../../components/format";
import { AlertsNav } from "./AlertsNav";
import "./alerts.css";

const KINDS: ReceiverInput["kind"][] = ["webhook", "slack", "pagerduty", "email"];

export function ReceiversPage() {
  const canChange = mayChange("admin");
  const [draft, setDraft] = useState<ReceiverInput>({ name: "", kind: "webhook", target: "" });
  const [created, setCreated] = useState<CreatedReceiver | null>(null);
  const [tests, setTests] = useState<Record<string, ReceiverTest | "sending">>({});
  const { list: receivers, problem, change } = useProjectList((signal) => alertReceivers(signal));
  const failures = useApi((signal) => notificationFailures(signal), "failures", 30_000);

  const create = () =>
    change(async () => {
      setCreated(await createReceiver(draft));
      setDraft({ name: "", kind: draft.kind, target: "" });
    });

  async function test(id: string) {
    setTests((t) => ({ ...t, [id]: "sending" }));
    try {
      const result = await testReceiver(id);
      setTests((t) => ({ ...t, [id]: result }));
    } catch (e) {
      setTests((t) => ({ ...t, [id]: { delivered: false, error: asApiError(e).detail } }));
    }
  }

  return (
    <section className="page alerts-page">
      <div className="toolbar">
        <h1>Receivers</h1>
        <AlertsNav />
      </div>
      {canChange && (
        <form
          className="card receiver-form"
          aria-label="New receiver"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <label className="field">
            <span>Name</span>
            <input name="name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
          </label>
          <label className="field">
            <span>Kind</span>
            <select
              name="kind"
              value={draft.kind}
              onChange={(e) => setDraft({ ...draft, kind: e.target.value as ReceiverInput["kind"] })}
            >
              {KINDS.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{draft.kind === "email" ? "Address" : "URL"}</span>
            <input name="target" value={draft.target} onChange={(e) => setDraft({ ...draft, target: e.target.value })} />
          </label>
          {draft.kind === "pagerduty" && (
            <label className="field">
              <span>Integration key</span>
              <input
                name="routingKey"
                value={draft.routingKey ?? ""}
                onChange={(e) => setDraft({ ...draft, routingKey: e.target.value })}
              />
            </label>
          )}
          <button type="submit" className="primary">
            Add receiver
          </button>
          <ActionError error={problem} />
          {created && (
            <p className="created-secret" role="status">
              Added <strong>{created.name}</strong>. Its signing secret, shown only now:{" "}
              <code>{created.secret}</code>. Check <code>X-Devlogs-Signature</code> = v1= HMAC-SHA256 of
              "<code>X-Devlogs-Timestamp</code>.body" with it.
            </p>
          )}
        </form>
      )}
      <section className="card" aria-label="Receivers list">
        <ListStates
          list={receivers}
          loading="Reading receivers"
          isEmpty={(data) => data.receivers.length === 0}
          empty="No receivers yet."
        >
          {(data) => (
            <table className="receivers">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Kind</th>
                  <th>Target</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.receivers.map((r) => {
                  const result = tests[r.id];
                  return (
                    <tr key={r.id} className="receiver" data-receiver={r.name}>
                      <td>{r.name}</td>
                      <td>{r.kind}</td>
                      <td className="muted">{r.target}</td>
                      <td>
                        {canChange && (
                          <button type="button" onClick={() => void test(r.id)} disabled={result === "sending"}>
                            Send a test
                          </button>
                        )}{" "}
                        {result && result !== "sending" && (
                          <span className={result.delivered ? "test-ok" : "test-failed"} role="status">
                            {result.delivered ? "delivered" : `failed: ${result.error}`}
                          </span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </ListStates>
      </section>
      <section className="card" aria-label="Failed notifications">
        <h2>Failed notifications</h2>
        <p className="muted">Notifications still refused after every retry (the dead letters of alerts).</p>
        <ListStates
          list={failures}
          loading="Reading failures"
          isEmpty={(data) => data.failures.length === 0}
          empty="Every notification was delivered."
        >
          {(data) => (
            <table className="failures">
              <thead>
                <tr>
                  <th>Failed at</th>
                  <th>Receiver</th>
                  <th>State</th>
                  <th>Attempts</th>
                  <th>Last error</th>
                </tr>
              </thead>
              <tbody>
                {data.failures.map((f) => (
                  <tr key={f.id} className="failure">
                    <td>{formatTimestamp(f.failedAt)}</td>
                    <td>{f.receiverName || f.receiverId}</td>
                    <td>{f.state}</td>
                    <td>{f.attempts}</td>
                    <td>
                      {f.lastError}
                      <details>
                        <summary>body</summary>
                        <pre>{f.payload}</pre>
                      </details>
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
