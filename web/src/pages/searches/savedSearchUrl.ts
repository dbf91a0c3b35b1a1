// A saved search and the Search page's URL, both ways: the query is the URL's filter parameters
// (q kept exactly as typed, LogQL included), the range its `range` or `from`/`to`.

import type { SavedSearch, SavedSearchDraft, TimeWindow } from "../../api/types";
import { choiceOfColumns, columnParams, readColumns, shownColumns } from "../search/columns";

/** The Search page's parameters that a saved search keeps (attr.<key> besides). */
const FILTERS = ["q", "level", "service", "stream", "pattern"];

function isFilter(name: string): boolean {
  return FILTERS.includes(name) || (name.startsWith("attr.") && name.length > 5);
}

/** The draft of a saved search of the Search page's URL parameters. */
export function draftOfSearchUrl(
  params: URLSearchParams,
  name: string,
  shared: boolean,
): SavedSearchDraft {
  const query: Record<string, string[]> = {};
  for (const [key, value] of params) {
    if (!isFilter(key) || value === "") continue;
    (query[key] ??= []).push(value);
  }
  const from = params.get("from");
  const to = params.get("to");
  const range: TimeWindow =
    from && to ? { from, to } : { last: params.get("range") || "1h" };
  return { name, query, range, columns: shownColumns(readColumns(params)), shared };
}

/** The Search page's URL that runs the saved search. */
export function searchUrlOf(search: Pick<SavedSearch, "query" | "range" | "columns">): string {
  const params = new URLSearchParams();
  for (const [key, values] of Object.entries(search.query)) {
    for (const value of values) params.append(key, value);
  }
  if (search.range.from && search.range.to) {
    params.set("from", search.range.from);
    params.set("to", search.range.to);
  } else if (search.range.last) {
    params.set("range", search.range.last);
  }
  for (const [name, value] of Object.entries(columnParams(choiceOfColumns(search.columns ?? [])))) {
    if (value !== null) params.set(name, value);
  }
  return `/search?${params}`;
}

/** "last 1h" or "from .. to ..", for lists. */
export function describeWindow(range: TimeWindow): string {
  if (range.last) return `last ${range.last}`;
  return `${range.from ?? "?"} to ${range.to ?? "?"}`;
}
