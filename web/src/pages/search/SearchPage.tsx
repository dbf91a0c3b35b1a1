// The Search page: free text, time range, level/service facets, histogram, results, export and
// permalink. Everything lives in the URL (see searchState.ts), so reload and links restore it.

import { useMemo, useState, type FormEvent } from "react";
import { TimeRangePicker } from "../../components/TimeRangePicker";
import { absoluteRange, resolveTimeRange, timeRangeParams } from "../../url/timeRange";
import { useDraft } from "../../url/useDraft";
import { attributeParam, useUrlState } from "../../url/useUrlState";
import { FacetPanel } from "./FacetPanel";
import { FilterChips } from "./FilterChips";
import { HistogramPanel } from "./HistogramPanel";
import { ResultsTable } from "./ResultsTable";
import { SearchActions } from "./SearchActions";
import { SaveSearch } from "../searches/SaveSearch";
import { ShareButton } from "../share/ShareDialog";
import { readSearchState, searchFilters, toggled } from "./searchState";

export function SearchPage() {
  const { params, update } = useUrlState();
  const state = readSearchState(params);
  const urlKey = params.toString();
  // A relative range is resolved when the URL changes or on Refresh; every panel then queries
  // the same instants (the results' cursor is bound to them).
  const [refreshes, setRefreshes] = useState(0);
  const resolved = useMemo(() => resolveTimeRange(state.range), [urlKey, refreshes]);
  const filters = searchFilters(state, resolved);
  const [text, setText] = useDraft(state.q);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (text.trim() === state.q.trim()) setRefreshes((n) => n + 1);
    else update({ q: text.trim() || null });
  }

  return (
    <section className="page search-page">
      <form className="query-bar" role="search" onSubmit={submit}>
        <input
          type="search"
          aria-label="Search text"
          placeholder='Words that must all occur in the message, "quoted phrase" for exact text'
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit">Search</button>
      </form>
      <div className="toolbar">
        <TimeRangePicker
          value={state.range}
          resolved={resolved}
          onChange={(range) => update(timeRangeParams(range))}
        />
        <SearchActions filters={filters} onRefresh={() => setRefreshes((n) => n + 1)} />
        <SaveSearch params={params} />
        <ShareButton page={`/search?${urlKey}`} />
      </div>
      <FilterChips state={state} onChange={update} />
      <div className="search-layout">
        <aside className="facets">
          <FacetPanel
            filters={filters}
            selectedLevels={state.levels}
            selectedServices={state.services}
            onToggleLevel={(level) => update({ level: toggled<string>(state.levels, level) })}
            onToggleService={(service) => update({ service: toggled(state.services, service) })}
          />
        </aside>
        <div className="search-main">
          <HistogramPanel
            filters={{ ...filters, from: resolved.from, to: resolved.to }}
            follow={state.range.kind === "relative" ? state.range.range : undefined}
            onZoom={(fromMs, toMs) => update(timeRangeParams(absoluteRange(fromMs, toMs)))}
          />
          <ResultsTable
            filters={filters}
            onAttributeClick={(key, value) => update({ [attributeParam(key)]: value })}
          />
        </div>
      </div>
    </section>
  );
}
