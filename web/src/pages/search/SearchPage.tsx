// The Search page: free text or LogQL, time range, level/service facets, the field sidebar,
// histogram, results (attribute columns optional), export and permalink; a LogQL metric query is
// charted instead. Everything lives in the URL (see searchState.ts), so reload and links restore it.

import { useEffect, useMemo, useState, type FormEvent } from "react";
import { fields as loadFields, type ApiError } from "../../api/client";
import { useApi } from "../../api/useApi";
import { TimeRangePicker } from "../../components/TimeRangePicker";
import { absoluteRange, resolveTimeRange, timeRangeParams } from "../../url/timeRange";
import { useDraft } from "../../url/useDraft";
import { attributeParam, useUrlState } from "../../url/useUrlState";
import { FacetPanel } from "./FacetPanel";
import { FieldSidebar } from "./FieldSidebar";
import { FilterChips } from "./FilterChips";
import { HistogramPanel } from "./HistogramPanel";
import { LogqlChart } from "./LogqlChart";
import { LogqlQueryBar } from "./LogqlQueryBar";
import { ResultsTable } from "./ResultsTable";
import { SearchActions } from "./SearchActions";
import { isMetricQuery, STREAM_LABELS, withFilter, type KnownField } from "./logql";
import { SaveSearch } from "../searches/SaveSearch";
import { ShareButton } from "../share/ShareDialog";
import { readSearchState, searchFilters, toggled } from "./searchState";
import { ColumnPicker } from "./ColumnPicker";
import { columnParams } from "./columns";

/** Values per field offered by completion. */
const COMPLETION_VALUES = 20;

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
  const metric = isMetricQuery(state.q);
  const [queryError, setQueryError] = useState<ApiError | null>(null);
  useEffect(() => setQueryError(null), [urlKey]);
  const completion = useCompletionFields(resolved);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (text.trim() === state.q.trim()) setRefreshes((n) => n + 1);
    else update({ q: text.trim() || null });
  }

  // Only a refusal of the query text itself is marked in the bar.
  const barError =
    queryError && queryError.status === 400 && ["q", "query"].includes(String(queryError.facts?.parameter))
      ? { text: state.q, error: queryError }
      : null;

  return (
    <section className="page search-page">
      <form className="query-bar" role="search" onSubmit={submit}>
        <LogqlQueryBar value={text} onChange={setText} fields={completion} error={barError} />
        <button type="submit">Search</button>
      </form>
      <div className="toolbar">
        <TimeRangePicker
          value={state.range}
          resolved={resolved}
          onChange={(range) => update(timeRangeParams(range))}
        />
        {!metric && <SearchActions filters={filters} onRefresh={() => setRefreshes((n) => n + 1)} />}
        <SaveSearch params={params} />
        <ShareButton page={`/search?${urlKey}`} />
      </div>
      <FilterChips state={state} onChange={update} />
      {metric ? (
        <LogqlChart
          query={state.q}
          from={resolved.from}
          to={resolved.to}
          onError={setQueryError}
          onZoom={(fromMs, toMs) => update(timeRangeParams(absoluteRange(fromMs, toMs)))}
        />
      ) : (
        <div className="search-layout">
          <aside className="facets">
            <FacetPanel
              filters={filters}
              selectedLevels={state.levels}
              selectedServices={state.services}
              onToggleLevel={(level) => update({ level: toggled<string>(state.levels, level) })}
              onToggleService={(service) => update({ service: toggled(state.services, service) })}
            />
            <FieldSidebar
              filters={filters}
              columns={state.columns}
              onFilter={(name, op, value) => update({ q: withFilter(state.q, name, op, value) })}
              onToggleColumn={(name) => update({ cols: toggled(state.columns, name).join(",") || null })}
            />
          </aside>
          <div className="search-main">
            <HistogramPanel
              filters={{ ...filters, from: resolved.from, to: resolved.to }}
              follow={state.range.kind === "relative" ? state.range.range : undefined}
              onZoom={(fromMs, toMs) => update(timeRangeParams(absoluteRange(fromMs, toMs)))}
            />
            <ColumnPicker
              choice={{ hidden: state.hidden, attributes: state.columns }}
              onChange={(choice) => update(columnParams(choice))}
            />
            <ResultsTable
              filters={filters}
              columns={state.columns}
              hidden={state.hidden}
              onAttributeClick={(key, value) => update({ [attributeParam(key)]: value })}
              onError={setQueryError}
            />
          </div>
        </div>
      )}
    </section>
  );
}

/** Label names and values in the time range (whatever the query), for completion. */
function useCompletionFields(range: { from: string; to: string }): KnownField[] {
  const state = useApi(
    (signal) => loadFields({ from: range.from, to: range.to }, COMPLETION_VALUES, signal),
    `${range.from} ${range.to}`,
  );
  const data = state.status === "ready" ? state.data : state.status === "loading" ? state.previous : undefined;
  const known = (data?.fields ?? []).map((field) => ({
    name: field.name,
    values: field.values.map((value) => value.value),
  }));
  // The stream labels are offered even before any event is read.
  for (const name of STREAM_LABELS) {
    if (!known.some((field) => field.name === name)) known.push({ name, values: [] });
  }
  return known;
}
