// The events of one stream over a fixed range, oldest first; "load more" appends the next page.
// Mounted afresh (by key) whenever the stream or range changes.

import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { readStream, type ApiError } from "../../api/client";
import type { LogEvent } from "../../api/types";
import { asApiError } from "../../api/useApi";
import { eventPath } from "../../components/EventFields";
import { LevelBadge } from "../../components/LevelBadge";
import { Empty, ErrorState, Loading } from "../../components/States";
import { formatCount, formatTimestamp } from "../../components/format";

const PAGE_SIZE = 500;

interface Pages {
  events: LogEvent[];
  nextCursor: string | null;
  loading: boolean;
  error: ApiError | null;
}

export function StreamEvents({
  name,
  range,
}: {
  name: string;
  range: { from: string; to: string };
}) {
  const [pages, setPages] = useState<Pages>({
    events: [],
    nextCursor: null,
    loading: true,
    error: null,
  });

  function load(cursor: string | null, before: LogEvent[], signal?: AbortSignal) {
    setPages({ events: before, nextCursor: cursor, loading: true, error: null });
    readStream(name, range, { limit: PAGE_SIZE, cursor }, signal).then(
      (page) => {
        if (signal?.aborted) return;
        setPages({
          events: [...before, ...page.events],
          nextCursor: page.nextCursor ?? null,
          loading: false,
          error: null,
        });
      },
      (e: unknown) => {
        if (signal?.aborted) return;
        setPages({ events: before, nextCursor: cursor, loading: false, error: asApiError(e) });
      },
    );
  }

  useEffect(() => {
    const controller = new AbortController();
    load(null, [], controller.signal);
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const { events, nextCursor, loading, error } = pages;
  if (events.length === 0) {
    if (loading) return <Loading what="Reading the stream" />;
    if (error) return <ErrorState error={error} onRetry={() => load(null, [])} />;
    return (
      <Empty>
        No events in stream <code>{name}</code> between {formatTimestamp(range.from, 0)} and{" "}
        {formatTimestamp(range.to, 0)} UTC. Widen the time range or check the name.
      </Empty>
    );
  }
  return (
    <section aria-label="Stream events">
      <table className="events stream-events">
        <colgroup>
          <col className="col-ts" />
          <col className="col-level" />
          <col className="col-service" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th>Time (UTC)</th>
            <th>Level</th>
            <th>Service</th>
            <th>Message</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id} className="stream-event">
              <td className="ts">
                <Link to={eventPath(event)} title="Open the event page">
                  {formatTimestamp(event.timestamp)}
                </Link>
              </td>
              <td>
                <LevelBadge level={event.level} />
              </td>
              <td className="ellipsis">{event.service}</td>
              <td className="msg">{event.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="results-footer">
        <span className="muted">
          {formatCount(events.length)} event{events.length === 1 ? "" : "s"} shown
          {nextCursor ? "" : " · end of the stream in this range"}
        </span>
        {error && <ErrorState error={error} />}
        {nextCursor && (
          <button type="button" onClick={() => load(nextCursor, events)} disabled={loading}>
            {loading ? "Loading…" : "Load more"}
          </button>
        )}
      </div>
    </section>
  );
}
