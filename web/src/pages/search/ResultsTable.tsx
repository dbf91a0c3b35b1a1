// The matching events, newest first (GET /v1/logs), with "load more" following the cursor and
// rows that expand to all fields and attributes.

import { Fragment, useEffect, useRef, useState } from "react";
import { Link } from "react-router-dom";
import { searchLogs } from "../../api/client";
import type { LogEvent, SearchFilters } from "../../api/types";
import { asApiError } from "../../api/useApi";
import type { ApiError } from "../../api/client";
import { EventFields } from "../../components/EventFields";
import { LevelBadge } from "../../components/LevelBadge";
import { Empty, ErrorState, Loading } from "../../components/States";
import { formatTimestamp } from "../../components/format";

const PAGE_SIZE = 100;

interface Results {
  events: LogEvent[];
  nextCursor: string | null;
  loading: boolean;
  error: ApiError | null;
}

const FIRST_LOAD: Results = { events: [], nextCursor: null, loading: true, error: null };

export function ResultsTable({
  filters,
  onAttributeClick,
}: {
  filters: SearchFilters;
  onAttributeClick: (key: string, value: string) => void;
}) {
  const [results, setResults] = useState<Results>(FIRST_LOAD);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const filtersKey = JSON.stringify(filters);

  // Aborted when the filters change, so no page of the old search lands in the new one.
  const requests = useRef(new AbortController());

  useEffect(() => {
    const controller = new AbortController();
    requests.current = controller;
    setResults(FIRST_LOAD);
    setExpanded(new Set());
    load(controller.signal, null, []);
    return () => controller.abort();
  }, [filtersKey]); // filtersKey names everything load() sends

  function load(signal: AbortSignal, cursor: string | null, before: LogEvent[]) {
    searchLogs(filters, { limit: PAGE_SIZE, cursor }, signal).then(
      (page) => {
        if (signal.aborted) return;
        setResults({
          events: [...before, ...page.events],
          nextCursor: page.nextCursor,
          loading: false,
          error: null,
        });
      },
      (e: unknown) => {
        if (signal.aborted) return;
        setResults({ events: before, nextCursor: cursor, loading: false, error: asApiError(e) });
      },
    );
  }

  function loadMore() {
    setResults({ ...results, loading: true, error: null });
    load(requests.current.signal, results.nextCursor, results.events);
  }

  function retry() {
    setResults(FIRST_LOAD);
    load(requests.current.signal, null, []);
  }

  function toggle(id: string) {
    const next = new Set(expanded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setExpanded(next);
  }

  const { events, nextCursor, loading, error } = results;
  if (events.length === 0) {
    if (loading) return <Loading what="Searching" />;
    if (error) return <ErrorState error={error} onRetry={retry} />;
    return <Empty>No events match these filters in this time range.</Empty>;
  }
  return (
    <section aria-label="Results">
      <table className="events">
        <colgroup>
          <col className="col-ts" />
          <col className="col-level" />
          <col className="col-service" />
          <col className="col-stream" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th>Time (UTC)</th>
            <th>Level</th>
            <th>Service</th>
            <th>Stream</th>
            <th>Message</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <Fragment key={event.id}>
              <tr
                className="event"
                tabIndex={0}
                aria-expanded={expanded.has(event.id)}
                onClick={() => toggle(event.id)}
                onKeyDown={(e) => {
                  if (e.key === "Enter" || e.key === " ") {
                    e.preventDefault();
                    toggle(event.id);
                  }
                }}
              >
                <td className="ts">{formatTimestamp(event.timestamp)}</td>
                <td>
                  <LevelBadge level={event.level} />
                </td>
                <td className="ellipsis">{event.service}</td>
                <td className="ellipsis">
                  <Link
                    to={`/streams/${encodeURIComponent(event.stream)}`}
                    title={`Open stream ${event.stream}`}
                    onClick={(e) => e.stopPropagation()}
                  >
                    {event.stream}
                  </Link>
                </td>
                <td className="msg">{event.message}</td>
              </tr>
              {expanded.has(event.id) && (
                <tr className="detail">
                  <td colSpan={5}>
                    <EventFields event={event} onAttributeClick={onAttributeClick} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
      <div className="results-footer">
        <span className="muted">
          {events.length} event{events.length === 1 ? "" : "s"} shown
          {nextCursor ? "" : " · end of results"}
        </span>
        {error && <ErrorState error={error} />}
        {nextCursor && (
          <button type="button" onClick={loadMore} disabled={loading}>
            {loading ? "Loading…" : "Load more"}
          </button>
        )}
      </div>
    </section>
  );
}
