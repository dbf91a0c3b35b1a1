// A LogQL metric query's series (GET /v1/logql/series) as chart lines; pure.

import type { LogqlSeries } from "../../api/types";
import type { LineSeries, LinePoint } from "../../components/charts/TimeLineChart";

/** At most this many lines (the palette's size): the series with the largest sums. */
export const MAX_LINES = 8;

/** A series' name as LogQL writes its labels: {level="error", service="api"}. */
export function seriesName(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  return `{${parts.join(", ")}}`;
}

/**
 * One line per series, the largest first; an evaluation without events has no point, so the line
 * breaks where consecutive points are more than one step apart.
 */
export function metricLines(answer: LogqlSeries): LineSeries[] {
  const stepMs = answer.step * 1000;
  const sum = (s: LogqlSeries["series"][number]) => s.points.reduce((total, p) => total + p.value, 0);
  return [...answer.series]
    .sort((a, b) => sum(b) - sum(a))
    .slice(0, MAX_LINES)
    .map((s) => {
      const points: LinePoint[] = [];
      let last: number | null = null;
      for (const point of s.points) {
        const x = Date.parse(point.time);
        if (last !== null && x - last > stepMs * 1.5) points.push({ x: last + stepMs, y: null });
        points.push({ x, y: point.value });
        last = x;
      }
      return { name: seriesName(s.labels), points };
    });
}
