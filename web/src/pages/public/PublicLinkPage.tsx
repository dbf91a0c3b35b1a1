// /p/:token: what a public read-only link answers, for anyone holding it (no sign-in): a stream,
// a page at a time, or the snapshot of a saved search. Expired and revoked links say so.

import { useState } from "react";
import { useParams } from "react-router-dom";
import { readPublicLink } from "../../api/boards";
import type { LogEvent } from "../../api/types";
import { useApi } from "../../api/useApi";
import { LevelBadge } from "../../components/LevelBadge";
import { Empty, ErrorState, Loading } from "../../components/States";
import { formatTimestamp } from "../../components/format";
import "../dashboards/dashboards.css";

export function PublicLinkPage() {
  const { token = "" } = useParams();
  const [cursor, setCursor] = useState<string | null>(null);
  const [earlier, setEarlier] = useState<LogEvent[]>([]);
  const state = useApi((signal) => readPublicLink(token, cursor, signal), `${token} ${cursor}`);

  if (state.status === "loading" && earlier.length === 0) return <Loading what="Opening the link" />;
  if (state.status === "error")
    return state.error.status === 404 ? (
      <Empty>This link does not exist, has expired or was revoked.</Empty>
    ) : (
      <ErrorState error={state.error} />
    );
  const answer = state.status === "ready" ? state.data : undefined;
  const link = answer?.link;
  const events = [...earlier, ...(answer?.events ?? answer?.snapshot?.events ?? [])];
  return (
    <section className="page public-link-page">
      {link && (
        <div className="toolbar">
          <h1>{link.title}</h1>
          <span className="hint">
            {link.kind === "stream" ? `Stream ${link.stream}` : `Snapshot taken ${answer?.snapshot?.takenAt ?? ""}`}
            {" · "}read-only link, expires {new Date(link.expiresAt).toLocaleString()}
          </span>
        </div>
      )}
      {events.length === 0 ? (
        <Empty>No events.</Empty>
      ) : (
        <table className="panel-table public-events">
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td className="mono">{formatTimestamp(e.timestamp)}</td>
                <td>
                  <LevelBadge level={e.level} />
                </td>
                <td>{e.service}</td>
                <td className="mono">{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {answer?.nextCursor && (
        <button
          type="button"
          onClick={() => {
            setEarlier(events);
            setCursor(answer.nextCursor ?? null);
          }}
        >
          Load more
        </button>
      )}
    </section>
  );
}
