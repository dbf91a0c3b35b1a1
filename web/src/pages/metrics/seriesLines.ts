// Metrics series (GET /v1/metrics/series) as chart lines; pure.

import type { MetricsPoint, MetricsSeries } from "../../api/types";
import type { LineSeries } from "../../components/charts/TimeLineChart";

/** At most this many lines per chart (the colour palette's size); the busiest series are kept. */
export const MAX_LINES = 8;

export function totalEvents(series: MetricsSeries): number {
  return series.points.reduce((sum, point) => sum + point.events, 0);
}

/** The busiest series first, at most MAX_LINES of them. */
export function busiest(series: MetricsSeries[]): MetricsSeries[] {
  return [...series].sort((a, b) => totalEvents(b) - totalEvents(a)).slice(0, MAX_LINES);
}

/** One line per series of one value of its points. */
export function linesOf(
  series: MetricsSeries[],
  value: (point: MetricsPoint) => number | null,
): LineSeries[] {
  return series.map((s) => ({
    name: s.key,
    points: s.points.map((point) => ({ x: Date.parse(point.start), y: value(point) })),
  }));
}

/** The error rate where there were events (no line where there were none). */
export function errorRate(point: MetricsPoint): number | null {
  return point.events > 0 ? point.errorRate : null;
}

/** p50, p95 and p99 of one series as three lines. */
export function percentileLines(series: MetricsSeries): LineSeries[] {
  return (["p50", "p95", "p99"] as const).map((p) => ({
    name: p,
    points: series.points.map((point) => ({ x: Date.parse(point.start), y: point[p] })),
  }));
}

export function hasLatency(series: MetricsSeries[]): boolean {
  return series.some((s) => s.points.some((point) => point.p50 !== null));
}

/** The chart's time domain: the range, widened to the first period's start (rounded down). */
export function domainOf(series: MetricsSeries[], range: { from: string; to: string }) {
  const starts = series.flatMap((s) => s.points.slice(0, 1).map((p) => Date.parse(p.start)));
  return { from: Math.min(Date.parse(range.from), ...starts), to: Date.parse(range.to) };
}
