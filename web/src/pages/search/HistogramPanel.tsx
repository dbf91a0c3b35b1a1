// Events over time (GET /v1/logs/histogram), errors stacked on top; click a bar or drag to zoom.

import { histogram } from "../../api/client";
import type { Histogram, SearchFilters } from "../../api/types";
import { useApi } from "../../api/useApi";
import { ErrorState, isBadRequest, Loading } from "../../components/States";
import { TimeBarChart } from "../../components/charts/TimeBarChart";
import { formatCount } from "../../components/format";
import { resolveTimeRange, type RelativeRange } from "../../url/timeRange";

const LAYERS = [
  { name: "events", className: "chart-layer-events" },
  { name: "errors", className: "chart-layer-errors" },
];

function plural(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? "" : "s"}`;
}

/** How often a histogram of a relative range ("last hour") follows the clock. */
export const HISTOGRAM_EVERY_MS = 30_000;

interface Drawn {
  histogram: Histogram;
  from: string;
  to: string;
}

/**
 * With `follow` (a relative range), the histogram is redrawn every {@link HISTOGRAM_EVERY_MS} over
 * the same span ending now, while the tab is visible.
 */
export function HistogramPanel({
  filters,
  follow,
  onZoom,
}: {
  filters: SearchFilters & { from: string; to: string };
  follow?: RelativeRange;
  onZoom: (fromMs: number, toMs: number) => void;
}) {
  // Counts the drawings of this render's loader: useApi keeps the loader of the render whose key
  // changed, so the count starts again at 0 with new filters.
  let drawings = 0;
  const state = useApi(
    async (signal): Promise<Drawn> => {
      // The first drawing uses the page's instants (the results' cursor is bound to them).
      const range =
        follow && drawings++ > 0 ? resolveTimeRange({ kind: "relative", range: follow }) : filters;
      const data = await histogram({ ...filters, ...range }, 60, signal);
      return { histogram: data, from: range.from, to: range.to };
    },
    JSON.stringify(filters) + (follow ?? ""),
    follow ? HISTOGRAM_EVERY_MS : null,
  );
  // A refused filter is shown once, by the results table, which sends the same filters.
  if (state.status === "error" && isBadRequest(state.error)) return null;
  if (state.status === "error") return <ErrorState error={state.error} />;
  const drawn = state.status === "ready" ? state.data : state.previous;
  if (!drawn) return <Loading what="Drawing the histogram" />;
  const { intervalSeconds, buckets } = drawn.histogram;
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
        from={Date.parse(drawn.from)}
        to={Date.parse(drawn.to)}
        height={120}
        label="Events over time"
        onSelectRange={onZoom}
      />
    </section>
  );
}
