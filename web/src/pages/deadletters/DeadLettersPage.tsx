// Dead letters (/dead-letters): the project's records the pipeline could not store (GET
// /v1/dead-letters), newest first with "load more", and their counts per cause (GET
// /v1/dead-letters/counts) as chips that filter the list. The range and the causes are in the URL.

import { useMemo, useState } from "react";
import { deadLetterCounts } from "../../api/client";
import { useApi } from "../../api/useApi";
import { ErrorState, Loading } from "../../components/States";
import { TimeRangePicker } from "../../components/TimeRangePicker";
import { formatCount } from "../../components/format";
import { readTimeRange, resolveTimeRange, timeRangeParams, type TimeRange } from "../../url/timeRange";
import { readList, useUrlState } from "../../url/useUrlState";
import { DeadLetterList } from "./DeadLetterList";
import "./deadletters.css";

/** The API's own default span for dead letters. */
const DEFAULT_DEAD_LETTER_RANGE: TimeRange = { kind: "relative", range: "7d" };

export function DeadLettersPage() {
  const { params, update } = useUrlState();
  const range = readTimeRange(params, DEFAULT_DEAD_LETTER_RANGE);
  const causes = readList(params, "cause");
  const urlKey = params.toString();
  // Resolved once per URL (or Refresh): the cursor of "load more" is bound to these instants.
  const [refreshes, setRefreshes] = useState(0);
  const resolved = useMemo(
    () => resolveTimeRange(range),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [urlKey, refreshes],
  );
  const counts = useApi(
    (signal) => deadLetterCounts(resolved, signal),
    `${JSON.stringify(resolved)}`,
  );

  function toggle(cause: string) {
    const next = causes.includes(cause) ? causes.filter((c) => c !== cause) : [...causes, cause];
    update({ cause: next });
  }

  return (
    <section className="page dead-letters-page">
      <div className="toolbar">
        <h1 className="dead-letters-title">Dead letters</h1>
        <TimeRangePicker
          value={range}
          resolved={resolved}
          onChange={(r) => update(timeRangeParams(r))}
        />
        <div className="actions">
          <button type="button" onClick={() => setRefreshes((n) => n + 1)}>
            Refresh
          </button>
        </div>
      </div>
      <p className="muted explain">
        Records this project sent that could not be stored or counted, with the reason. Fix the
        cause, then replay them with <code>bin/devlogs dead-letters replay</code> (or the ingest
        admin API): a replayed record keeps its event id, so replaying twice stores it once.
      </p>
      <section className="card cause-counts" aria-label="Dead letters per cause">
        {counts.status === "loading" && !counts.previous && <Loading what="Counting" />}
        {counts.status === "error" && <ErrorState error={counts.error} />}
        {(counts.status === "ready" || (counts.status === "loading" && counts.previous)) &&
          (() => {
            const data = counts.status === "ready" ? counts.data : counts.previous!;
            return (
              <>
                <span className="total">
                  <strong>{formatCount(data.total)}</strong> in this range
                </span>
                {data.causes.map(({ cause, count }) => (
                  <button
                    type="button"
                    key={cause}
                    className={`chip cause-chip${causes.includes(cause) ? " selected" : ""}`}
                    aria-pressed={causes.includes(cause)}
                    data-cause={cause}
                    onClick={() => toggle(cause)}
                  >
                    {cause} <span className="count">{formatCount(count)}</span>
                  </button>
                ))}
                {causes.length > 0 && (
                  <button type="button" className="link" onClick={() => update({ cause: null })}>
                    All causes
                  </button>
                )}
              </>
            );
          })()}
      </section>
      <DeadLetterList key={`${urlKey}|${refreshes}`} range={resolved} causes={causes} />
    </section>
  );
}
