// The dead letters of a fixed range and causes, newest first; "load more" appends the next page.
// Mounted afresh (by key) whenever the range or causes change.

import { deadLetters } from "../../api/client";
import type { DeadLetter } from "../../api/types";
import { usePagedEvents } from "../../api/usePagedEvents";
import { LoadMoreFooter } from "../../components/EventTable";
import { Empty, ErrorState, Loading } from "../../components/States";
import { formatCount, formatTimestamp } from "../../components/format";

const PAGE_SIZE = 50;

export function DeadLetterList({
  range,
  causes,
}: {
  range: { from: string; to: string };
  causes: string[];
}) {
  const pages = usePagedEvents<DeadLetter>(
    (cursor, signal) =>
      deadLetters({ ...range, causes }, { limit: PAGE_SIZE, cursor }, signal).then((page) => ({
        events: page.deadLetters,
        nextCursor: page.nextCursor,
      })),
    "", // the component is mounted afresh for another range or causes
  );

  const { events: letters, nextCursor, loading, error } = pages;
  if (letters.length === 0) {
    if (loading) return <Loading what="Loading dead letters" />;
    if (error) return <ErrorState error={error} onRetry={pages.retry} />;
    return (
      <Empty>
        No dead letters{causes.length > 0 ? ` of cause ${causes.join(", ")}` : ""} between{" "}
        {formatTimestamp(range.from, 0)} and {formatTimestamp(range.to, 0)} UTC. Every record of
        this range was stored.
      </Empty>
    );
  }
  return (
    <section aria-label="Dead letters">
      <table className="dead-letters">
        <thead>
          <tr>
            <th scope="col">Received (UTC)</th>
            <th scope="col">Cause</th>
            <th scope="col">Reason and record</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {letters.map((letter) => (
            <DeadLetterRow key={letter.id} letter={letter} />
          ))}
        </tbody>
      </table>
      <LoadMoreFooter
        noun="dead letter"
        shown={letters.length}
        nextCursor={nextCursor}
        endText="no more in this range"
        loading={loading}
        error={error}
        onLoadMore={pages.loadMore}
      />
    </section>
  );
}

function DeadLetterRow({ letter }: { letter: DeadLetter }) {
  const { source } = letter;
  return (
    <tr className="dead-letter" data-id={letter.id}>
      <td className="ts">{formatTimestamp(letter.time)}</td>
      <td>
        <span className="chip cause">{letter.cause}</span>
      </td>
      <td className="letter-body">
        <div className="reason">{letter.reason}</div>
        <pre className="record" title={`dead letter ${letter.id}`}>
          {letter.value}
          {letter.valueTruncated && <span className="cut">…</span>}
        </pre>
        <div className="muted record-facts">
          {formatCount(letter.valueBytes)} bytes
          {letter.valueTruncated ? " (cut for display)" : ""}
          {letter.format ? ` · ${letter.format}` : ""}
          {letter.stream ? ` · stream ${letter.stream}` : ""}
          {letter.service ? ` · service ${letter.service}` : ""}
        </div>
      </td>
      <td className="mono source">
        {source.partition < 0 ? source.topic : `${source.topic}/${source.partition}/${source.offset}`}
      </td>
    </tr>
  );
}
