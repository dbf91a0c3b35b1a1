// One event (GET /v1/events/{id}?at=..) with all fields, and links to its stream and to a search
// around its time.

import { Link, useParams, useSearchParams } from "react-router-dom";
import { pause } from "../../api/abort";
import { ApiError, getEvent } from "../../api/client";
import { ShareButton } from "../share/ShareDialog";
import { useApi } from "../../api/useApi";
import { EventFields } from "../../components/EventFields";
import { ErrorState, Loading } from "../../components/States";

/** How far around the event the "search around" and stream links look. */
const AROUND_MS = 5 * 60_000;

function around(timestamp: string): { from: string; to: string } {
  const ms = Date.parse(timestamp);
  return {
    from: new Date(ms - AROUND_MS).toISOString(),
    to: new Date(ms + AROUND_MS).toISOString(),
  };
}

/**
 * The live tail shows events before their checkpoint stores them (README "The live tail"), so the
 * page of an event that happened this recently waits this long for it instead of saying "no event".
 */
const RECENT_MS = 2 * 60_000;
const STORE_WAIT_MS = 10_000;
const RETRY_MS = 500;

async function getStoredEvent(id: string, at: string | undefined, signal: AbortSignal) {
  const recent = at !== undefined && Date.now() - Date.parse(at) < RECENT_MS;
  const deadline = Date.now() + (recent ? STORE_WAIT_MS : 0);
  for (;;) {
    try {
      return await getEvent(id, at, signal);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404) || Date.now() >= deadline) throw e;
      await pause(RETRY_MS, signal);
    }
  }
}

export function EventPage() {
  const { id = "" } = useParams();
  const [params] = useSearchParams();
  const at = params.get("at") ?? undefined;
  const state = useApi((signal) => getStoredEvent(id, at, signal), `${id}|${at}`);

  return (
    <section className="page event-page">
      <div className="toolbar">
        <h1>Event</h1>
        <ShareButton page={`/events/${encodeURIComponent(id)}${at ? `?at=${encodeURIComponent(at)}` : ""}`} />
      </div>
      {state.status === "loading" && <Loading what="Looking up the event" />}
      {state.status === "error" &&
        (state.error.status === 404 ? (
          <div className="state state-empty" role="status">
            No event <code>{id}</code> in this project
            {at ? ` around ${at}` : " in the last 31 days"}.
          </div>
        ) : (
          <ErrorState error={state.error} />
        ))}
      {state.status === "ready" && (
        <div className="card">
          <EventFields event={state.data} showPermalink={false} />
          <nav className="event-links" aria-label="Related">
            <Link
              to={`/search?${new URLSearchParams(around(state.data.timestamp))}`}
            >
              Search ±5 min around this event
            </Link>
            <Link
              to={`/search?${new URLSearchParams({ ...around(state.data.timestamp), service: state.data.service })}`}
            >
              Same service ±5 min
            </Link>
            <Link
              to={`/streams/${encodeURIComponent(state.data.stream)}?${new URLSearchParams(around(state.data.timestamp))}`}
            >
              Open stream {state.data.stream}
            </Link>
          </nav>
        </div>
      )}
    </section>
  );
}
