// The Metrics page's state, all of it in the URL:
// /metrics?range=6h (or from=..&to=..)&granularity=minute|hour|day&groupBy=service|level&service=..&by=..

import {
  GRANULARITIES,
  SERIES_GROUP_BY,
  type Granularity,
  type SeriesGroupBy,
  type TopBy,
} from "../../api/types";
import { readTimeRange, type TimeRange } from "../../url/timeRange";

export const TOP_BY: { value: TopBy; label: string }[] = [
  { value: "errors", label: "errors" },
  { value: "events", label: "events" },
  { value: "errorRate", label: "error rate" },
];

export interface MetricsState {
  range: TimeRange;
  /** null: the API picks one from the range. */
  granularity: Granularity | null;
  groupBy: SeriesGroupBy;
  /** The service the charts are narrowed to, or null for all. */
  service: string | null;
  topBy: TopBy;
}

const DEFAULT_METRICS_RANGE: TimeRange = { kind: "relative", range: "6h" };

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return (allowed as readonly string[]).includes(value ?? "") ? (value as T) : null;
}

export function readMetricsState(params: URLSearchParams): MetricsState {
  return {
    range: readTimeRange(params, DEFAULT_METRICS_RANGE),
    granularity: oneOf(params.get("granularity"), GRANULARITIES),
    groupBy: oneOf(params.get("groupBy"), SERIES_GROUP_BY) ?? "service",
    service: params.get("service") || null,
    topBy: oneOf(params.get("by"), TOP_BY.map((b) => b.value)) ?? "errors",
  };
}
