// The top services of the range (GET /v1/metrics/top): click a service to narrow the charts to it,
// or follow the link to search its errors.

import { Link } from "react-router-dom";
import type { TopBy, TopServices } from "../../api/types";
import type { Loadable } from "../../api/useApi";
import { Empty, ErrorState, Loading } from "../../components/States";
import { formatCount, formatPercent } from "../../components/format";
import { TOP_BY } from "./metricsState";

export function TopServicesTable({
  state,
  by,
  selected,
  onBy,
  onSelect,
  errorsSearch,
}: {
  state: Loadable<TopServices>;
  by: TopBy;
  selected: string | null;
  onBy: (by: TopBy) => void;
  onSelect: (service: string | null) => void;
  /** The search page URL of a service's errors over the same range. */
  errorsSearch: (service: string) => string;
}) {
  return (
    <section className="metrics-panel top-services" aria-label="Top services">
      <h2>
        Top services by{" "}
        <select
          aria-label="Rank services by"
          value={by}
          onChange={(e) => onBy(e.target.value as TopBy)}
        >
          {TOP_BY.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </h2>
      {state.status === "loading" && <Loading what="Ranking services" />}
      {state.status === "error" && <ErrorState error={state.error} />}
      {state.status === "ready" && state.data.services.length === 0 && (
        <Empty>No events in this time range.</Empty>
      )}
      {state.status === "ready" && state.data.services.length > 0 && (
        <table className="top-table">
          <thead>
            <tr>
              <th>Service</th>
              <th className="num">Events</th>
              <th className="num">Errors</th>
              <th className="num">Error rate</th>
              <th className="num">p95</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {state.data.services.map((row) => (
              <tr key={row.service} className={row.service === selected ? "selected" : undefined}>
                <td className="ellipsis">
                  <button
                    type="button"
                    className="link"
                    title={
                      row.service === selected
                        ? "Show all services again"
                        : `Narrow the charts to ${row.service}`
                    }
                    aria-pressed={row.service === selected}
                    onClick={() => onSelect(row.service === selected ? null : row.service)}
                  >
                    {row.service}
                  </button>
                </td>
                <td className="num">{formatCount(row.events)}</td>
                <td className="num">{formatCount(row.errors)}</td>
                <td className="num">{formatPercent(row.errorRate)}</td>
                <td className="num">{row.p95 === null ? "–" : formatMs(row.p95)}</td>
                <td>
                  <Link to={errorsSearch(row.service)} title={`Search the errors of ${row.service}`}>
                    errors
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  return `${ms.toPrecision(2)} ms`;
}
