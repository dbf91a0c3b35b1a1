// A LogQL metric query (GET /v1/logql/series) charted: one line per series, with loading, empty
// and error states; a drag on the chart zooms the time range.

import { useEffect } from "react";
import { logqlSeries, type ApiError } from "../../api/client";
import { useApi } from "../../api/useApi";
import { TimeLineChart } from "../../components/charts/TimeLineChart";
import { Empty, ErrorState, Loading } from "../../components/States";
import { metricLines } from "./metricLines";

export function LogqlChart({
  query,
  from,
  to,
  onError,
  onZoom,
}: {
  query: string;
  from: string;
  to: string;
  /** Told of a failed evaluation (null once one succeeds), e.g. to mark a parse error. */
  onError?: (error: ApiError | null) => void;
  onZoom: (fromMs: number, toMs: number) => void;
}) {
  const state = useApi(
    (signal) => logqlSeries({ query, from, to }, signal),
    JSON.stringify({ query, from, to }),
  );
  useEffect(() => {
    if (state.status !== "loading") onError?.(state.status === "error" ? state.error : null);
  }, [state]);
  const data = state.status === "ready" ? state.data : state.status === "loading" ? state.previous : undefined;
  return (
    <section className="metrics-panel logql-chart" aria-label="Metric query">
      <h2>Metric query</h2>
      {state.status === "error" && <ErrorState error={state.error} />}
      {state.status !== "error" && !data && <Loading what="Evaluating" />}
      {state.status !== "error" && data && data.series.length === 0 && (
        <Empty>No events for this query in this time range.</Empty>
      )}
      {state.status !== "error" && data && data.series.length > 0 && (
        <div aria-busy={state.status === "loading"} className={state.status === "loading" ? "reloading" : undefined}>
          <TimeLineChart
            series={metricLines(data)}
            from={Date.parse(from)}
            to={Date.parse(to)}
            label={`Chart of ${query}`}
            height={220}
            onSelectRange={onZoom}
          />
          <div className="muted chart-note">
            {data.series.length} series · a point every {data.step} s
          </div>
        </div>
      )}
    </section>
  );
}
