// Live tail (/tail): events matching the URL's filters as they arrive (WS /v1/tail), with pause and
// resume, clear, auto-scroll, a bounded list, the connection's state and a reconnect button.

import { useEffect, useReducer, useState } from "react";
import { tailUrl } from "../../api/client";
import type { LogEvent, SearchFilters } from "../../api/types";
import { formatCount } from "../../components/format";
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
import { useTailSocket, type TailConnection } from "./useTailSocket";

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
  const connection = useTailSocket(url, attempt, (events) => dispatch({ type: "receive", events }));

  // Events of other filters do not belong in the list.
  useEffect(() => dispatch({ type: "clear" }), [url]);

  return (
    <section className="page tail-page">
      <TailFilterBar state={state} onChange={(changes) => update(changes)} />
      <div className="toolbar tail-toolbar">
        <ConnectionState connection={connection} onReconnect={() => setAttempt((n) => n + 1)} />
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
          {connection.status === "live"
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

function ConnectionState({
  connection,
  onReconnect,
}: {
  connection: TailConnection;
  onReconnect: () => void;
}) {
  return (
    <div className={`tail-connection tail-${connection.status}`} role="status" aria-live="polite">
      {connection.status === "connecting" && (
        <>
          <span className="spinner" aria-hidden="true" /> Connecting…
        </>
      )}
      {connection.status === "live" && (
        <>
          <span className="live-dot" aria-hidden="true" /> Live
        </>
      )}
      {connection.status === "closed" && (
        <>
          <strong>Disconnected:</strong> <span>{connection.detail}</span>
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
