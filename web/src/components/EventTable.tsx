// The table of events shared by search results, the stream view and the live tail: columns,
// the cells of one event, and the "load more" footer.

import type { ReactNode } from "react";
import type { OptionalColumn } from "../pages/search/columns";
import { Link } from "react-router-dom";
import type { ApiError } from "../api/client";
import type { LogEvent } from "../api/types";
import { LevelBadge } from "./LevelBadge";
import { ErrorState } from "./States";
import { formatCount } from "./format";

export function EventTable({
  className,
  withStream,
  headed,
  columns = [],
  hidden = [],
  children,
}: {
  className: string;
  /** Whether the table has a stream column. */
  withStream: boolean;
  /** Attributes shown as columns before the message. */
  columns?: string[];
  /** The event's own columns left out. */
  hidden?: OptionalColumn[];
  /** Whether the table has a header row. */
  headed: boolean;
  children: ReactNode;
}) {
  return (
    <table className={className}>
      <colgroup>
        <col className="col-ts" />
        {!hidden.includes("level") && <col className="col-level" />}
        {!hidden.includes("service") && <col className="col-service" />}
        {withStream && !hidden.includes("stream") && <col className="col-stream" />}
        {columns.map((name) => (
          <col key={name} className="col-attribute" />
        ))}
        <col />
      </colgroup>
      {headed && (
        <thead>
          <tr>
            <th>Time (UTC)</th>
            {!hidden.includes("level") && <th>Level</th>}
            {!hidden.includes("service") && <th>Service</th>}
            {withStream && !hidden.includes("stream") && <th>Stream</th>}
            {columns.map((name) => (
              <th key={name} className="attribute-column">
                {name}
              </th>
            ))}
            <th>Message</th>
          </tr>
        </thead>
      )}
      <tbody>{children}</tbody>
    </table>
  );
}

/** The cells of one event row; `time` is the content of the time cell. */
export function EventCells({
  event,
  time,
  withStream,
  columns = [],
  hidden = [],
}: {
  event: LogEvent;
  time: ReactNode;
  withStream: boolean;
  /** Attributes shown as columns before the message. */
  columns?: string[];
  /** The event's own columns left out. */
  hidden?: OptionalColumn[];
}) {
  return (
    <>
      <td className="ts">{time}</td>
      {!hidden.includes("level") && (
        <td>
          <LevelBadge level={event.level} />
        </td>
      )}
      {!hidden.includes("service") && <td className="ellipsis">{event.service}</td>}
      {withStream && !hidden.includes("stream") && (
        <td className="ellipsis">
          <Link
            to={`/streams/${encodeURIComponent(event.stream)}`}
            title={`Open stream ${event.stream}`}
            onClick={(e) => e.stopPropagation()}
          >
            {event.stream}
          </Link>
        </td>
      )}
      {columns.map((name) => (
        <td key={name} className="ellipsis attribute-cell">
          {event.attributes[name] ?? ""}
        </td>
      ))}
      <td className="msg">{event.message}</td>
    </>
  );
}

export function LoadMoreFooter({
  shown,
  nextCursor,
  endText,
  loading,
  error,
  onLoadMore,
  noun = "event",
}: {
  shown: number;
  nextCursor: string | null;
  /** Said after the count once there is nothing more to load. */
  endText: string;
  loading: boolean;
  error: ApiError | null;
  onLoadMore: () => void;
  /** What is counted, singular ("event"); an "s" is added for other counts. */
  noun?: string;
}) {
  return (
    <div className="results-footer">
      <span className="muted">
        {formatCount(shown)} {noun}
        {shown === 1 ? "" : "s"} shown
        {nextCursor ? "" : ` · ${endText}`}
      </span>
      {error && <ErrorState error={error} />}
      {nextCursor && (
        <button type="button" onClick={onLoadMore} disabled={loading}>
          {loading ? "Loading…" : "Load more"}
        </button>
      )}
    </div>
  );
}
