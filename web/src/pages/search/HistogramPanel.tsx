// Events over time (GET /v1/logs/histogram), errors stacked on top; click a bar or drag to zoom.

import { histogram } from "../../api/client";
import type { SearchFilters } from "../../api/types";
import { useApi } from "../../api/useApi";
import { ErrorState, isBadRequest, Loading } from "../../components/States";
import { TimeBarChart } from "../../components/charts/TimeBarChart";
import { formatCount } from "../../components/format";

const LAYERS = [
  { name: "events", className: "chart-layer-events" },
  { name: "errors", className: "chart-layer-errors" },
];

function plural(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? "" : "s"}`;
}

export function HistogramPanel({
  filters,
  onZoom,
}: {
  filters: SearchFilters & { from: string; to: string };
  onZoom: (fromMs: number, toMs: number) => void;
}) {
  const state = useApi((signal) => histogram(filters, 60, signal), JSON.stringify(filters));
  // A refused filter is shown once, by the results table, which sends the same filters.
  if (state.status === "error" && isBadRequest(state.error)) return null;
  if (state.status === "error") return <ErrorState error={state.error} />;
  const data = state.status === "ready" ? state.data : state.previous;
  if (!data) return <Loading what="Drawing the histogram" />;
  const { intervalSeconds, buckets } = data;
  const total = buckets.reduce((sum, bucket) => sum + bucket.count, 0);
  const errors = buckets.reduce((sum, bucket) => sum + bucket.errors, 0);
  const bars = buckets.map((bucket) => {
    const start = Date.parse(bucket.start);
    return {
      start,
      end: start + intervalSeconds * 1000,
      values: [bucket.count - bucket.errors, bucket.errors],
    };
  });
  return (
    <section
      className={state.status === "loading" ? "histogram stale" : "histogram"}
      aria-label="Histogram"
      aria-busy={state.status === "loading"}
    >
      <div className="histogram-summary">
        {plural(total, "event")}, {plural(errors, "error")} · {intervalSeconds}s buckets · drag or
        click a bar to zoom
      </div>
      <TimeBarChart
        bars={bars}
        layers={LAYERS}
        from={Date.parse(filters.from)}
        to={Date.parse(filters.to)}
        height={120}
        label="Events over time"
        onSelectRange={onZoom}
      />
    </section>
  );
}
