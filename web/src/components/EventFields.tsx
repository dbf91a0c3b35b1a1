// All fields and attributes of one event; attributes can be clicked to filter by them.

import { Link } from "react-router-dom";
import type { LogEvent } from "../api/types";
import { LevelBadge } from "./LevelBadge";

export function eventPath(event: Pick<LogEvent, "id" | "timestamp">): string {
  return `/events/${encodeURIComponent(event.id)}?at=${encodeURIComponent(event.timestamp)}`;
}

export function EventFields({
  event,
  onAttributeClick,
  showPermalink = true,
}: {
  event: LogEvent;
  /** When given, attribute values are buttons that add an attr.<key>=<value> filter. */
  onAttributeClick?: (key: string, value: string) => void;
  showPermalink?: boolean;
}) {
  const attributes = Object.entries(event.attributes ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return (
    <dl className="fields">
      <dt>id</dt>
      <dd className="mono">
        {event.id}
        {showPermalink && (
          <>
            {" "}
            <Link to={eventPath(event)}>open event page</Link>
          </>
        )}
      </dd>
      <dt>timestamp</dt>
      <dd className="mono">{event.timestamp}</dd>
      <dt>level</dt>
      <dd>
        <LevelBadge level={event.level} />
      </dd>
      <dt>service</dt>
      <dd>{event.service}</dd>
      <dt>stream</dt>
      <dd>
        <Link to={`/streams/${encodeURIComponent(event.stream)}`}>{event.stream}</Link>
      </dd>
      <dt>message</dt>
      <dd className="msg">{event.message}</dd>
      {attributes.length === 0 && (
        <>
          <dt>attributes</dt>
          <dd className="muted">none</dd>
        </>
      )}
      {attributes.map(([key, value]) => (
        <AttributeRow key={key} name={key} value={value} onClick={onAttributeClick} />
      ))}
    </dl>
  );
}

function AttributeRow({
  name,
  value,
  onClick,
}: {
  name: string;
  value: string;
  onClick?: (key: string, value: string) => void;
}) {
  return (
    <>
      <dt className="mono">attr.{name}</dt>
      <dd className="mono">
        {onClick ? (
          <button
            type="button"
            className="link attribute"
            title={`Filter by attr.${name}=${value}`}
            onClick={() => onClick(name, value)}
          >
            {value}
          </button>
        ) : (
          value
        )}
      </dd>
    </>
  );
}
