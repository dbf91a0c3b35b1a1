// Silences (/alerts/silences): mute the notifications of one rule or of every rule whose labels
// match, for a while (the history still records the transitions); list and expire them.

import { useState } from "react";
import { alertRules, alertSilences, createSilence, expireSilence } from "../../api/client";
import { mayChange } from "../../api/people";
import { useApi } from "../../api/useApi";
import { useProjectList } from "../../api/useProjectList";
import { ActionError, ListStates } from "../../components/States";
import { formatTimestamp } from "../../components/format";
import { AlertsNav } from "./AlertsNav";
import { formatPairs, parsePairs } from "./ruleForm";
import "./alerts.css";

export function SilencesPage() {
  const canChange = mayChange("editor");
  const [showExpired, setShowExpired] = useState(false);
  const [ruleId, setRuleId] = useState("");
  const [matchers, setMatchers] = useState("");
  const [hours, setHours] = useState("2");
  const [comment, setComment] = useState("");
  const {
    list: silences,
    problem,
    change: act,
  } = useProjectList((signal) => alertSilences(showExpired, signal), `${showExpired}`);
  const rules = useApi((signal) => alertRules(signal), "rules");
  const ruleNames = new Map(
    rules.status === "ready" ? rules.data.rules.map((r) => [r.id, r.name] as const) : [],
  );

  return (
    <section className="page alerts-page">
      <div className="toolbar">
        <h1>Silences</h1>
        <AlertsNav />
      </div>
      {canChange && (
        <form
          className="card silence-form"
          aria-label="New silence"
          onSubmit={(e) => {
            e.preventDefault();
            void act(() =>
              createSilence({
                ruleId: ruleId || undefined,
                matchers: parsePairs(matchers),
                durationSeconds: Math.round(Number(hours) * 3600),
                comment,
              }),
            );
          }}
        >
          <label className="field">
            <span>Rule</span>
            <select name="ruleId" value={ruleId} onChange={(e) => setRuleId(e.target.value)}>
              <option value="">every rule</option>
              {[...ruleNames].map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Labels</span>
            <input name="matchers" value={matchers} placeholder="team=payments" onChange={(e) => setMatchers(e.target.value)} />
          </label>
          <label className="field">
            <span>Hours</span>
            <input name="hours" value={hours} onChange={(e) => setHours(e.target.value)} />
          </label>
          <label className="field">
            <span>Comment</span>
            <input name="comment" value={comment} onChange={(e) => setComment(e.target.value)} />
          </label>
          <button type="submit" className="primary">
            Silence
          </button>
          <ActionError error={problem} />
        </form>
      )}
      <section className="card" aria-label="Silences list">
        <label className="checkbox">
          <input type="checkbox" checked={showExpired} onChange={(e) => setShowExpired(e.target.checked)} />
          Show ended silences
        </label>
        <ListStates
          list={silences}
          loading="Reading silences"
          isEmpty={(data) => data.silences.length === 0}
          empty="No silences."
        >
          {(data) => (
            <table className="silences">
              <thead>
                <tr>
                  <th>Rule</th>
                  <th>Labels</th>
                  <th>From</th>
                  <th>Until</th>
                  <th>Comment</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.silences.map((s) => (
                  <tr key={s.id} className={`silence${s.active ? " active" : ""}`}>
                    <td>{s.ruleId ? (ruleNames.get(s.ruleId) ?? s.ruleId) : "every rule"}</td>
                    <td>{formatPairs(s.matchers) || <span className="muted">any</span>}</td>
                    <td>{formatTimestamp(s.startsAt)}</td>
                    <td>{formatTimestamp(s.endsAt)}</td>
                    <td>{s.comment}</td>
                    <td>
                      {s.active && canChange && (
                        <button type="button" onClick={() => void act(() => expireSilence(s.id))}>
                          Expire
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
