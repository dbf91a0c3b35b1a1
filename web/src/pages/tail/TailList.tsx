// The tailed events, oldest at the top and newest at the bottom; follows new events while
// auto-scroll is on (scrolling up turns it off). Clicking an event opens its page; its stream
// cell opens the stream.

import { useEffect, useRef } from "react";
import { Link, useNavigate } from "react-router-dom";
import type { LogEvent } from "../../api/types";
import { eventPath } from "../../components/EventFields";
import { EventCells, EventTable } from "../../components/EventTable";
import { formatTimestamp } from "../../components/format";

/** How close to the bottom (px) still counts as "at the bottom". */
const BOTTOM_SLACK = 40;

export function TailList({
  events,
  autoScroll,
  onScrolledAway,
}: {
  events: LogEvent[];
  autoScroll: boolean;
  onScrolledAway: () => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();

  useEffect(() => {
    if (autoScroll && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [events, autoScroll]);

  return (
    <div
      className="tail-list"
      ref={box}
      onScroll={(e) => {
        const el = e.currentTarget;
        if (autoScroll && el.scrollHeight - el.scrollTop - el.clientHeight > BOTTOM_SLACK) {
          onScrolledAway();
        }
      }}
    >
      <EventTable className="events tail-events" withStream headed={false}>
        {events.map((event) => (
          <tr key={event.id} className="event" onClick={() => navigate(eventPath(event))}>
            <EventCells
              event={event}
              withStream
              time={
                <Link to={eventPath(event)} onClick={(e) => e.stopPropagation()}>
                  {formatTimestamp(event.timestamp)}
                </Link>
              }
            />
          </tr>
        ))}
      </EventTable>
    </div>
  );
}
