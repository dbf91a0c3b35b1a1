// The events of one stream over a fixed range, oldest first; "load more" appends the next page.
// Mounted afresh (by key) whenever the stream or range changes.

import { Link } from "react-router-dom";
import { readStream } from "../../api/client";
import { usePagedEvents } from "../../api/usePagedEvents";
import { eventPath } from "../../components/EventFields";
import { EventCells, EventTable, LoadMoreFooter } from "../../components/EventTable";
import { Empty, ErrorState, Loading } from "../../components/States";
import { formatTimestamp } from "../../components/format";

const PAGE_SIZE = 500;

export function StreamEvents({
  name,
  range,
}: {
  name: string;
  range: { from: string; to: string };
}) {
  const pages = usePagedEvents(
    (cursor, signal) => readStream(name, range, { limit: PAGE_SIZE, cursor }, signal),
    "", // the component is mounted afresh for another stream or range
  );

  const { events, nextCursor, loading, error } = pages;
  if (events.length === 0) {
    if (loading) return <Loading what="Reading the stream" />;
    if (error) return <ErrorState error={error} onRetry={pages.retry} />;
    return (
      <Empty>
        No events in stream <code>{name}</code> between {formatTimestamp(range.from, 0)} and{" "}
        {formatTimestamp(range.to, 0)} UTC. Widen the time range or check the name.
      </Empty>
    );
  }
  return (
    <section aria-label="Stream events">
      <EventTable className="events stream-events" withStream={false} headed>
        {events.map((event) => (
          <tr key={event.id} className="stream-event">
            <EventCells
              event={event}
              withStream={false}
              time={
                <Link to={eventPath(event)} title="Open the event page">
                  {formatTimestamp(event.timestamp)}
                </Link>
              }
            />
          </tr>
        ))}
      </EventTable>
      <LoadMoreFooter
        shown={events.length}
        nextCursor={nextCursor}
        endText="end of the stream in this range"
        loading={loading}
        error={error}
        onLoadMore={pages.loadMore}
      />
    </section>
  );
}
