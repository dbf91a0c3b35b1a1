// One live-tail WebSocket (WS /v1/tail): authenticates with the first message, reports its state and
// hands matching events over in batches (at most a few renders per second, whatever the rate).

import { useEffect, useRef, useState } from "react";
import { queryKey, signOut } from "../../auth/session";
import { TAIL_CLOSE, type LogEvent, type TailServerMessage } from "../../api/types";

export type TailConnection =
  | { status: "connecting" }
  | { status: "live" }
  /** Not connected while the tab is hidden; it reconnects when the tab is visible again. */
  | { status: "hidden" }
  /** Closed by the server or the network; `detail` says why (the server's message when it sent one). */
  | { status: "closed"; code: number; detail: string };

const FLUSH_EVERY_MS = 200;
/** Received but not yet rendered events kept at most (the newest), should rendering fall behind. */
const MAX_UNFLUSHED = 5_000;

/**
 * Opens a socket on `url` (again whenever `url` or `attempt` changes) while `active`, and closes it
 * when `active` turns false and on unmount. `onEvents` gets the events received since the last
 * call, oldest first.
 */
export function useTailSocket(
  url: string,
  attempt: number,
  active: boolean,
  onEvents: (events: LogEvent[]) => void,
): TailConnection {
  const [connection, setConnection] = useState<TailConnection>({ status: "connecting" });
  const deliver = useRef(onEvents);
  deliver.current = onEvents;

  useEffect(() => {
    if (!active) {
      setConnection({ status: "hidden" });
      return;
    }
    setConnection({ status: "connecting" });
    const socket = new WebSocket(url);
    let unflushed: LogEvent[] = [];
    let problem: string | null = null;
    let closedHere = false;

    const flush = () => {
      if (unflushed.length === 0) return;
      const events = unflushed;
      unflushed = [];
      deliver.current(events);
    };
    const timer = window.setInterval(flush, FLUSH_EVERY_MS);

    socket.onopen = () => socket.send(JSON.stringify({ type: "auth", key: queryKey() ?? "" }));
    socket.onmessage = (message) => {
      const parsed = parseMessage(message.data);
      if (!parsed) return;
      switch (parsed.type) {
        case "ready":
          setConnection({ status: "live" });
          break;
        case "event":
          unflushed.push(parsed.event);
          if (unflushed.length > MAX_UNFLUSHED) unflushed = unflushed.slice(-MAX_UNFLUSHED);
          break;
        case "error":
          problem = `${parsed.error}: ${parsed.detail}`;
          break;
        case "dropped":
          problem = `dropped: ${parsed.detail}`;
          break;
      }
    };
    socket.onclose = (event) => {
      flush();
      if (closedHere) return;
      // As for the other routes: a key that is refused or cannot query sends the user to sign-in.
      if (event.code === TAIL_CLOSE.badKey || event.code === TAIL_CLOSE.wrongScope) {
        signOut(problem ?? "That key was not accepted.");
        return;
      }
      setConnection({
        status: "closed",
        code: event.code,
        detail: problem ?? (event.reason || closeText(event.code)),
      });
    };

    return () => {
      closedHere = true;
      window.clearInterval(timer);
      socket.close(1000, "page closed");
    };
  }, [url, attempt, active]);

  return connection;
}

function parseMessage(data: unknown): TailServerMessage | null {
  if (typeof data !== "string") return null;
  try {
    return JSON.parse(data) as TailServerMessage;
  } catch {
    return null;
  }
}

function closeText(code: number): string {
  if (code === 1006) return "the connection was lost (query service unreachable or restarted)";
  return `the connection closed (code ${code})`;
}
