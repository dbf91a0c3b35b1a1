// The time range of a page as URL state: relative (`range=1h`, resolved against "now" when a query
// runs) or absolute (`from=..&to=..` ISO instants).

export const RELATIVE_RANGES = ["15m", "1h", "6h", "24h", "7d"] as const;
export type RelativeRange = (typeof RELATIVE_RANGES)[number];

export type TimeRange =
  | { kind: "relative"; range: RelativeRange }
  | { kind: "absolute"; from: string; to: string };

export const DEFAULT_RANGE: TimeRange = { kind: "relative", range: "1h" };

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

export function relativeRangeMs(range: RelativeRange): number {
  return Number(range.slice(0, -1)) * UNIT_MS[range.slice(-1)];
}

export function isRelativeRange(value: string | null): value is RelativeRange {
  return (RELATIVE_RANGES as readonly string[]).includes(value ?? "");
}

/** Reads `range` or `from`/`to` from the URL; anything unreadable falls back to `fallback`. */
export function readTimeRange(params: URLSearchParams, fallback = DEFAULT_RANGE): TimeRange {
  const from = params.get("from");
  const to = params.get("to");
  if (from && to && !Number.isNaN(Date.parse(from)) && !Number.isNaN(Date.parse(to))) {
    return { kind: "absolute", from, to };
  }
  const range = params.get("range");
  return isRelativeRange(range) ? { kind: "relative", range } : fallback;
}

/** The URL parameters of a range (the other kind's parameters cleared). */
export function timeRangeParams(range: TimeRange): Record<string, string | null> {
  return range.kind === "relative"
    ? { range: range.range, from: null, to: null }
    : { range: null, from: range.from, to: range.to };
}

/** Concrete instants of a range, relative ones measured back from `now`. */
export function resolveTimeRange(range: TimeRange, now = new Date()): { from: string; to: string } {
  if (range.kind === "absolute") return { from: range.from, to: range.to };
  return {
    from: new Date(now.getTime() - relativeRangeMs(range.range)).toISOString(),
    to: now.toISOString(),
  };
}

/** An absolute range between two epoch milliseconds (e.g. a zoom on a chart). */
export function absoluteRange(fromMs: number, toMs: number): TimeRange {
  return {
    kind: "absolute",
    from: new Date(Math.min(fromMs, toMs)).toISOString(),
    to: new Date(Math.max(fromMs, toMs)).toISOString(),
  };
}
