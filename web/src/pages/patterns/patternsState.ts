// The Patterns page's state, all of it in the URL: /patterns?range=1h (or from=..&to=..)&sort=count|newest
// and its pure parts: sparkline geometry and the search link of a pattern.

import type { PatternSort } from "../../api/types";
import { readTimeRange, timeRangeParams, type TimeRange } from "../../url/timeRange";

export interface PatternsState {
  range: TimeRange;
  sort: PatternSort;
}

export function readPatternsState(params: URLSearchParams): PatternsState {
  return {
    range: readTimeRange(params),
    sort: params.get("sort") === "newest" ? "newest" : "count",
  };
}

/** The polyline points of a sparkline of `counts` in a width x height box (0,0 top left). */
export function sparklinePoints(counts: number[], width: number, height: number): string {
  if (counts.length === 0) return "";
  const max = Math.max(...counts, 1);
  const step = counts.length > 1 ? width / (counts.length - 1) : 0;
  return counts
    .map((count, i) => {
      const x = counts.length > 1 ? i * step : width / 2;
      const y = height - (count / max) * height;
      return `${round(x)},${round(y)}`;
    })
    .join(" ");
}

/** The Search page's URL for a pattern's events over the same range. */
export function searchLinkFor(patternId: string, range: TimeRange): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(timeRangeParams(range))) {
    if (value !== null) query.set(name, value);
  }
  query.set("pattern", patternId);
  return `/search?${query.toString()}`;
}

/** The template with its variables apart, for display: text and `<*>` parts in order. */
export function templateParts(template: string): { text: string; variable: boolean }[] {
  return template
    .split(/(<\*>)/)
    .filter((part) => part !== "")
    .map((part) => ({ text: part, variable: part === "<*>" }));
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
