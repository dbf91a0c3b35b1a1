// Stream (/streams/:name): one named stream read like a log file, oldest first (GET
// /v1/streams/{name}, Cassandra), over a URL time range, with "load more" following the cursor.
// /streams without a name only asks for one.

import { useEffect, useMemo, useState, type FormEvent } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { TimeRangePicker } from "../../components/TimeRangePicker";
import { resolveTimeRange, readTimeRange, timeRangeParams, type TimeRange } from "../../url/timeRange";
import { useUrlState } from "../../url/useUrlState";
import { Empty } from "../../components/States";
import { ShareButton } from "../share/ShareDialog";
import { StreamEvents } from "./StreamEvents";
import "./stream.css";

/** The API's own default span for a stream. */
const DEFAULT_STREAM_RANGE: TimeRange = { kind: "relative", range: "24h" };

export function StreamPage() {
  const { name = "" } = useParams();
  const { params, update } = useUrlState();
  const range = readTimeRange(params, DEFAULT_STREAM_RANGE);
  const urlKey = `${name}?${params}`;
  // Resolved once per URL (or Refresh): the cursor of "load more" is bound to these instants.
  const [refreshes, setRefreshes] = useState(0);
  const resolved = useMemo(
    () => resolveTimeRange(range),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [urlKey, refreshes],
  );

  return (
    <section className="page stream-page">
      <div className="toolbar">
        <OpenStreamForm current={name} />
        {name && (
          <div className="actions">
            <button type="button" onClick={() => setRefreshes((n) => n + 1)}>
              Refresh
            </button>
            <ShareButton
              page={`/streams/${encodeURIComponent(name)}?${params}`}
              publicTarget={{ kind: "stream", stream: name }}
            />
          </div>
        )}
      </div>
      {name ? (
        <>
          <div className="toolbar">
            <h1 className="stream-title">
              Stream <span className="mono">{name}</span>
            </h1>
            <TimeRangePicker
              value={range}
              resolved={resolved}
              onChange={(r) => update(timeRangeParams(r))}
            />
          </div>
          <StreamEvents key={`${urlKey}|${refreshes}`} name={name} range={resolved} />
        </>
      ) : (
        <Empty>
          Enter a stream name to read it in time order. Event pages and search results link to
          their streams.
        </Empty>
      )}
    </section>
  );
}

function OpenStreamForm({ current }: { current: string }) {
  const navigate = useNavigate();
  const { params } = useUrlState();
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);

  function open(e: FormEvent) {
    e.preventDefault();
    const name = text.trim();
    if (!name) return;
    // The time range stays; nothing else of the URL belongs to another stream.
    const kept = new URLSearchParams();
    for (const key of ["range", "from", "to"]) {
      const value = params.get(key);
      if (value) kept.set(key, value);
    }
    const query = kept.toString();
    navigate(`/streams/${encodeURIComponent(name)}${query ? `?${query}` : ""}`);
  }

  return (
    <form className="open-stream" onSubmit={open} aria-label="Open a stream">
      <input
        type="text"
        aria-label="Stream name"
        placeholder="stream name"
        maxLength={256}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit">Open stream</button>
    </form>
  );
}
