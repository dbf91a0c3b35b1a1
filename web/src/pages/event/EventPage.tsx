// One event (GET /v1/events/{id}?at=..) with all fields, and links to its stream and to a search
// around its time.

import { Link, useParams, useSearchParams } from "react-router-dom";
import { getEvent } from "../../api/client";
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

export function EventPage() {
  const { id = "" } = useParams();
  const [params] = useSearchParams();
  const at = params.get("at") ?? undefined;
  const state = useApi((signal) => getEvent(id, at, signal), `${id}|${at}`);

  return (
    <section className="page event-page">
      <h1>Event</h1>
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
