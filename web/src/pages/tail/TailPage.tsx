// Live tail (/tail): events matching the URL's filters as they arrive (WS /v1/tail), with pause and
// resume, clear, auto-scroll, a bounded list, the connection's state and a reconnect button.

import { useEffect, useReducer, useState } from "react";
import { tailUrl } from "../../api/client";
import { useTabVisible } from "../../api/polling";
import type { LogEvent, SearchFilters } from "../../api/types";
import { formatCount } from "../../components/format";
import { usePipelineStatus } from "../../status/pipelineStatus";
import { useUrlState } from "../../url/useUrlState";
import "./tail.css";
import { readSearchState, type SearchState } from "../search/searchState";
import { TailFilterBar } from "./TailFilterBar";
import { TailList } from "./TailList";
import {
  EMPTY_BUFFER,
  MAX_SHOWN,
  clear,
  newWhilePaused,
  pause,
  receive,
  resume,
  type TailBuffer,
} from "./tailBuffer";
import { tailBadge, type TailBadge } from "./tailBadge";
import { useTailSocket } from "./useTailSocket";

/** A tail in a tab hidden this long disconnects (a quick look at another tab keeps it). */
const HIDDEN_GRACE_MS = 60_000;

type Action =
  | { type: "receive"; events: LogEvent[] }
  | { type: "pause" }
  | { type: "resume" }
  | { type: "clear" };

function reduce(buffer: TailBuffer, action: Action): TailBuffer {
  switch (action.type) {
    case "receive":
      return receive(buffer, action.events);
    case "pause":
      return pause(buffer);
    case "resume":
      return resume(buffer);
    case "clear":
      return clear(buffer);
  }
}

/** The tail's filters: the search filters without a time range (a tail starts at "now"). */
function tailFilters(state: SearchState): SearchFilters {
  return {
    q: state.q.trim() || undefined,
    levels: state.levels,
    services: state.services,
    stream: state.stream || undefined,
    attributes: state.attributes,
  };
}

export function TailPage() {
  const { params, update } = useUrlState();
  const state = readSearchState(params);
  const url = tailUrl(tailFilters(state));
  const [attempt, setAttempt] = useState(0);
  const [buffer, dispatch] = useReducer(reduce, EMPTY_BUFFER);
  const [autoScroll, setAutoScroll] = useState(true);
  const visible = useTabVisible(HIDDEN_GRACE_MS);
  const connection = useTailSocket(url, attempt, visible, (events) =>
    dispatch({ type: "receive", events }),
  );
  const status = usePipelineStatus();
  const badge = tailBadge(connection, status);

  // Events of other filters do not belong in the list.
  useEffect(() => dispatch({ type: "clear" }), [url]);

  return (
    <section className="page tail-page">
      <TailFilterBar state={state} onChange={(changes) => update(changes)} />
      <div className="toolbar tail-toolbar">
        <ConnectionState badge={badge} onReconnect={() => setAttempt((n) => n + 1)} />
        <div className="actions">
          {buffer.paused ? (
            <button type="button" className="primary" onClick={() => dispatch({ type: "resume" })}>
              Resume
            </button>
          ) : (
            <button type="button" onClick={() => dispatch({ type: "pause" })}>
              Pause
            </button>
          )}
          <button type="button" onClick={() => dispatch({ type: "clear" })}>
            Clear
          </button>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={autoScroll}
              onChange={(e) => setAutoScroll(e.target.checked)}
            />
            Auto-scroll
          </label>
        </div>
      </div>
      <TailSummary buffer={buffer} onResume={() => dispatch({ type: "resume" })} />
      {buffer.shown.length === 0 ? (
        <div className="state state-empty tail-empty" role="status">
          {badge.kind === "live"
            ? "Waiting for events that match these filters…"
            : "No events yet."}
        </div>
      ) : (
        <TailList
          events={buffer.shown}
          autoScroll={autoScroll}
          onScrolledAway={() => setAutoScroll(false)}
        />
      )}
    </section>
  );
}

function ConnectionState({ badge, onReconnect }: { badge: TailBadge; onReconnect: () => void }) {
  return (
    <div className={`tail-connection tail-${badge.kind}`} role="status" aria-live="polite">
      {badge.kind === "connecting" && (
        <>
          <span className="spinner" aria-hidden="true" /> Connecting…
        </>
      )}
      {badge.kind === "live" && (
        <>
          <span className="live-dot" aria-hidden="true" /> Live
        </>
      )}
      {badge.kind === "waiting" && (
        <>
          <strong>Connected, no new events:</strong> <span>{badge.detail}</span>
        </>
      )}
      {badge.kind === "hidden" && <>Paused while the tab is hidden</>}
      {badge.kind === "closed" && (
        <>
          <strong>Disconnected:</strong> <span>{badge.detail}</span>
          <button type="button" onClick={onReconnect}>
            Reconnect
          </button>
        </>
      )}
    </div>
  );
}

function TailSummary({ buffer, onResume }: { buffer: TailBuffer; onResume: () => void }) {
  const waiting = newWhilePaused(buffer);
  return (
    <div className="tail-summary muted">
      {formatCount(buffer.shown.length)} shown (the last {formatCount(MAX_SHOWN)} are kept) ·{" "}
      {formatCount(buffer.received)} received
      {buffer.paused && (
        <>
          {" "}
          · <strong className="tail-paused">Paused</strong>:{" "}
          <button type="button" className="link" onClick={onResume}>
            {formatCount(waiting)} new event{waiting === 1 ? "" : "s"}
          </button>
          {buffer.overflowed > 0 && ` (only the newest ${formatCount(MAX_SHOWN)} are kept)`}
        </>
      )}
    </div>
  );
}
