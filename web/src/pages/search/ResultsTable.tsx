// The matching events, newest first (GET /v1/logs), with "load more" following the cursor and
// rows that expand to all fields and attributes.

import { Fragment, useEffect, useState } from "react";
import { searchLogs, type ApiError } from "../../api/client";
import type { SearchFilters } from "../../api/types";
import { usePagedEvents } from "../../api/usePagedEvents";
import { EventFields } from "../../components/EventFields";
import { EventCells, EventTable, LoadMoreFooter } from "../../components/EventTable";
import { Empty, ErrorState, Loading } from "../../components/States";
import { formatTimestamp } from "../../components/format";
import type { OptionalColumn } from "./columns";

const PAGE_SIZE = 100;

export function ResultsTable({
  filters,
  columns = [],
  hidden = [],
  onAttributeClick,
  onError,
}: {
  filters: SearchFilters;
  /** Attributes shown as columns. */
  columns?: string[];
  /** The event's own columns hidden. */
  hidden?: OptionalColumn[];
  onAttributeClick: (key: string, value: string) => void;
  /** Told of every failed search (null once one succeeds), e.g. to mark a query's parse error. */
  onError?: (error: ApiError | null) => void;
}) {
  const filtersKey = JSON.stringify(filters);
  const results = usePagedEvents(
    (cursor, signal) => searchLogs(filters, { limit: PAGE_SIZE, cursor }, signal),
    filtersKey,
  );
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  useEffect(() => setExpanded(new Set()), [filtersKey]);

  function toggle(id: string) {
    const next = new Set(expanded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setExpanded(next);
  }

  const { events, nextCursor, loading, error } = results;
  useEffect(() => {
    if (!loading) onError?.(error);
  }, [error, loading]);
  if (events.length === 0) {
    if (loading) return <Loading what="Searching" />;
    if (error) return <ErrorState error={error} onRetry={results.retry} />;
    return <Empty>No events match these filters in this time range.</Empty>;
  }
  return (
    <section aria-label="Results">
      <EventTable className="events" withStream headed columns={columns} hidden={hidden}>
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
              <EventCells
                event={event}
                time={formatTimestamp(event.timestamp)}
                withStream
                columns={columns}
                hidden={hidden}
              />
            </tr>
            {expanded.has(event.id) && (
              <tr className="detail">
                <td colSpan={5 - hidden.length + columns.length}>
                  <EventFields event={event} onAttributeClick={onAttributeClick} />
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </EventTable>
      <LoadMoreFooter
        shown={events.length}
        nextCursor={nextCursor}
        endText="end of results"
        loading={loading}
        error={error}
        onLoadMore={results.loadMore}
      />
    </section>
  );
}
