// Patterns (/patterns): the project's log patterns of a range (GET /v1/patterns), sorted by count
// or by newest, each with its sparkline, first seen and example; a click searches its events.

import { useMemo, useState } from "react";
import { Link } from "react-router-dom";
import { patterns } from "../../api/client";
import type { PatternSort } from "../../api/types";
import { useApi } from "../../api/useApi";
import { Empty, ErrorState, Loading } from "../../components/States";
import { TimeRangePicker } from "../../components/TimeRangePicker";
import { formatCount } from "../../components/format";
import { resolveTimeRange, timeRangeParams } from "../../url/timeRange";
import { useUrlState } from "../../url/useUrlState";
import { readPatternsState, searchLinkFor, templateParts } from "./patternsState";
import { Sparkline } from "./Sparkline";
import "./patterns.css";

const SORTS: { value: PatternSort; label: string }[] = [
  { value: "count", label: "Most events" },
  { value: "newest", label: "Newest" },
];

export function PatternsPage() {
  const { params, update } = useUrlState();
  const state = readPatternsState(params);
  const urlKey = params.toString();
  const [refreshes, setRefreshes] = useState(0);
  const resolved = useMemo(
    () => resolveTimeRange(state.range),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [urlKey, refreshes],
  );
  const result = useApi(
    (signal) => patterns({ ...resolved, sort: state.sort, limit: 50 }, signal),
    `${JSON.stringify(resolved)}|${state.sort}`,
  );

  return (
    <section className="page patterns-page">
      <div className="toolbar">
        <h1 className="patterns-title">Patterns</h1>
        <TimeRangePicker
          value={state.range}
          resolved={resolved}
          onChange={(r) => update(timeRangeParams(r))}
        />
        <div className="actions" role="group" aria-label="Sort">
          {SORTS.map((s) => (
            <button
              type="button"
              key={s.value}
              className={`chip sort-chip${state.sort === s.value ? " selected" : ""}`}
              aria-pressed={state.sort === s.value}
              onClick={() => update({ sort: s.value === "count" ? null : s.value })}
            >
              {s.label}
            </button>
          ))}
          <button type="button" onClick={() => setRefreshes((n) => n + 1)}>
            Refresh
          </button>
        </div>
      </div>
      <p className="muted explain">
        Messages grouped by shape as they arrive: words that vary (numbers, ids, addresses) become{" "}
        <code>&lt;*&gt;</code>. Click a pattern to search its events.
      </p>
      {result.status === "loading" && <Loading what="Finding patterns" />}
      {result.status === "error" && <ErrorState error={result.error} />}
      {result.status === "ready" && result.data.patterns.length === 0 && (
        <Empty>No patterns in this range.</Empty>
      )}
      {result.status === "ready" && result.data.patterns.length > 0 && (
        <table className="patterns-table">
          <thead>
            <tr>
              <th scope="col">Events</th>
              <th scope="col">Over time</th>
              <th scope="col">Pattern</th>
              <th scope="col">First seen</th>
            </tr>
          </thead>
          <tbody>
            {result.data.patterns.map((p) => (
              <tr key={p.id} className="pattern-row" data-pattern={p.id}>
                <td className="count">{formatCount(p.count)}</td>
                <td>
                  <Sparkline counts={p.counts} />
                </td>
                <td>
                  <Link to={searchLinkFor(p.id, state.range)} className="template mono">
                    {templateParts(p.template || p.id).map((part, i) =>
                      part.variable ? (
                        <span key={i} className="variable">
                          {part.text}
                        </span>
                      ) : (
                        <span key={i}>{part.text}</span>
                      ),
                    )}
                  </Link>
                  <div className="example muted mono" title="First message of the pattern">
                    {p.example}
                  </div>
                </td>
                <td className="first-seen mono">{p.firstSeen ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
