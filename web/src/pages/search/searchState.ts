// The Search page's state, all of it in the URL:
// /search?q=..&range=1h (or from=..&to=..)&level=..&service=..&stream=..&attr.<k>=<v>&pattern=..&cols=<a>,<b>&hide=<c>
// `q` is free text or LogQL (see logql.ts); `cols` the attributes shown as columns, `hide` the
// event's own columns hidden (see columns.ts).

import type { Level, SearchFilters } from "../../api/types";
import { LEVELS } from "../../api/types";
import { readTimeRange, type TimeRange } from "../../url/timeRange";
import { readAttributes, readList } from "../../url/useUrlState";
import { readColumns, type OptionalColumn } from "./columns";

export interface SearchState {
  q: string;
  range: TimeRange;
  levels: Level[];
  services: string[];
  stream: string;
  attributes: Record<string, string>;
  /** A log pattern's id (from the Patterns page), or "". */
  pattern: string;
  /** Attributes shown as columns. */
  columns: string[];
  /** The event's own columns hidden. */
  hidden: OptionalColumn[];
}

export function readSearchState(params: URLSearchParams): SearchState {
  return {
    q: params.get("q") ?? "",
    range: readTimeRange(params),
    levels: readList(params, "level")
      .map((level) => level.toUpperCase())
      .filter((level): level is Level => (LEVELS as readonly string[]).includes(level)),
    services: readList(params, "service"),
    stream: params.get("stream") ?? "",
    attributes: readAttributes(params),
    pattern: params.get("pattern") ?? "",
    columns: readColumns(params).attributes,
    hidden: readColumns(params).hidden,
  };
}

/** The API filters of a state, with the range resolved to concrete instants. */
export function searchFilters(
  state: SearchState,
  resolved: { from: string; to: string },
): SearchFilters {
  return {
    from: resolved.from,
    to: resolved.to,
    q: state.q.trim() || undefined,
    levels: state.levels,
    services: state.services,
    stream: state.stream || undefined,
    attributes: state.attributes,
    pattern: state.pattern || undefined,
  };
}

export function toggled<T>(values: T[], value: T): T[] {
  return values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
}
