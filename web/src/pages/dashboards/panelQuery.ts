// What a dashboard panel asks of the query API: its kind's route, the panel's parameters with the
// dashboard's variables ($service, $level) substituted, and the dashboard's time range. A parameter
// whose value comes out empty is left out (an empty variable means "all").

import type { DashboardDocument, Panel, PanelKind } from "../../api/types";

export const GRID_COLUMNS = 12;

/** A derived metric's series answers at most a day of minutes. */
const DAY_MS = 86_400_000;

/**
 * Each kind's route. A `{name}` in the path is filled from the panel's parameter of that name (the
 * derived metric's `rule`), which is then not sent as a query parameter; `maxSpanMs` keeps the
 * range to the route's longest, ending at the dashboard's end.
 */
export const PANEL_KINDS: { kind: PanelKind; label: string; path: string; maxSpanMs?: number }[] = [
  { kind: "series", label: "Metrics series", path: "/v1/metrics/series" },
  { kind: "top", label: "Top-N table", path: "/v1/metrics/top" },
  { kind: "number", label: "Single number", path: "/v1/logs/histogram" },
  { kind: "logs", label: "Log table", path: "/v1/logs" },
  { kind: "patterns", label: "Pattern list", path: "/v1/patterns" },
  { kind: "derived", label: "Derived metric", path: "/v1/recording/rules/{rule}/series", maxSpanMs: DAY_MS },
];

/** Parameters each kind gets unless the panel sets them. */
const DEFAULTS: Partial<Record<PanelKind, Record<string, string>>> = {
  logs: { limit: "20" },
  top: { limit: "10" },
  patterns: { limit: "10" },
  number: { buckets: "10" },
};

export type Variables = { service?: string; level?: string };

export function substitute(value: string, variables: Variables): string {
  return value.replace(/\$(service|level)\b/g, (_, name: "service" | "level") => variables[name] ?? "");
}

export interface PanelRequest {
  path: string;
  params: Record<string, string>;
  /** A path parameter the panel does not set (a derived panel without its rule). */
  missing?: string;
  /** Whether the range was shortened to the route's longest. */
  clipped?: boolean;
}

export function panelRequest(
  panel: Pick<Panel, "kind" | "params">,
  range: { from: string; to: string },
  variables: Variables,
): PanelRequest {
  const route = PANEL_KINDS.find((k) => k.kind === panel.kind);
  if (!route) throw new Error(`unknown panel kind ${panel.kind}`);
  const params: Record<string, string> = { ...(DEFAULTS[panel.kind] ?? {}) };
  for (const [name, value] of Object.entries(panel.params ?? {})) {
    const substituted = substitute(value, variables).trim();
    if (substituted === "") delete params[name];
    else params[name] = substituted;
  }
  let missing: string | undefined;
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    delete params[name];
    if (value === undefined) missing ??= name;
    return encodeURIComponent(value ?? "");
  });
  const to = Date.parse(range.to);
  const clipped = route.maxSpanMs !== undefined && to - Date.parse(range.from) > route.maxSpanMs;
  params.from = clipped ? new Date(to - route.maxSpanMs!).toISOString() : range.from;
  params.to = range.to;
  return { path, params, ...(missing ? { missing } : {}), ...(clipped ? { clipped } : {}) };
}

/** The CSS grid placement of a panel. */
export function gridPlacement(panel: Pick<Panel, "x" | "y" | "w" | "h">): {
  gridColumn: string;
  gridRow: string;
} {
  return {
    gridColumn: `${panel.x + 1} / span ${panel.w}`,
    gridRow: `${panel.y + 1} / span ${panel.h}`,
  };
}

/** Where a new panel of width `w` and height `h` goes: below every panel, at the left. */
export function nextPlace(
  panels: Pick<Panel, "y" | "h">[],
  w: number,
  h: number,
): { x: number; y: number; w: number; h: number } {
  const bottom = panels.reduce((max, p) => Math.max(max, p.y + p.h), 0);
  return { x: 0, y: bottom, w: Math.min(Math.max(w, 1), GRID_COLUMNS), h };
}

/** The panel moved and resized within the grid (x + w never past the last column). */
export function placed<T extends Pick<Panel, "x" | "y" | "w" | "h">>(
  panel: T,
  change: Partial<Pick<Panel, "x" | "y" | "w" | "h">>,
): T {
  const w = Math.min(Math.max(change.w ?? panel.w, 1), GRID_COLUMNS);
  const x = Math.min(Math.max(change.x ?? panel.x, 0), GRID_COLUMNS - w);
  const y = Math.max(change.y ?? panel.y, 0);
  const h = Math.min(Math.max(change.h ?? panel.h, 1), 24);
  return { ...panel, x, y, w, h };
}

/** A new, empty dashboard document. */
export function emptyDashboard(name: string): DashboardDocument {
  return {
    name,
    timeRange: { last: "1h" },
    refreshSeconds: 0,
    variables: { service: "", level: "" },
    panels: [],
  };
}

/** A panel's parameters as editable lines `name=value`. */
export function paramsText(params: Record<string, string> | undefined): string {
  return Object.entries(params ?? {})
    .map(([name, value]) => `${name}=${value}`)
    .join("\n");
}

/** Lines `name=value` back into parameters; blank lines are skipped, a line without `=` is refused. */
export function parseParamsText(text: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "") continue;
    const equals = line.indexOf("=");
    if (equals <= 0) throw new Error(`"${line}" is not name=value`);
    params[line.slice(0, equals).trim()] = line.slice(equals + 1).trim();
  }
  return params;
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** The instants a dashboard's time range covers at `now` ({last: "6h"} or {from, to}). */
export function windowRange(
  window: { last?: string; from?: string; to?: string } | undefined,
  now: Date,
): { from: string; to: string } {
  if (window?.from && window?.to) return { from: window.from, to: window.to };
  const match = /^(\d+)([mhd])$/.exec(window?.last ?? "1h") ?? ["1h", "1", "h"];
  const span = Number(match[1]) * UNIT_MS[match[2]];
  return { from: new Date(now.getTime() - span).toISOString(), to: now.toISOString() };
}
