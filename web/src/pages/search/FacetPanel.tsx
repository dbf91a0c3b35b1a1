// Level and service counts of the matches (GET /v1/logs/facets); click a value to filter by it.

import type { ReactNode } from "react";
import { facets } from "../../api/client";
import type { FacetValue, SearchFilters } from "../../api/types";
import { useApi } from "../../api/useApi";
import { LevelBadge } from "../../components/LevelBadge";
import { ErrorState, isBadRequest, Loading } from "../../components/States";
import { formatCount } from "../../components/format";

export function FacetPanel({
  filters,
  selectedLevels,
  selectedServices,
  onToggleLevel,
  onToggleService,
}: {
  filters: SearchFilters;
  selectedLevels: string[];
  selectedServices: string[];
  onToggleLevel: (level: string) => void;
  onToggleService: (service: string) => void;
}) {
  const state = useApi((signal) => facets(filters, signal), JSON.stringify(filters));
  // A refused filter is shown once, by the results table, which sends the same filters.
  if (state.status === "error" && isBadRequest(state.error)) return null;
  if (state.status === "error") return <ErrorState error={state.error} />;
  const data = state.status === "ready" ? state.data : state.previous;
  if (!data) return <Loading what="Counting" />;
  return (
    <div
      className={state.status === "loading" ? "stale" : undefined}
      aria-busy={state.status === "loading"}
    >
      <FacetList
        title="Level"
        values={withSelected(data.levels, selectedLevels)}
        selected={selectedLevels}
        onToggle={onToggleLevel}
        render={(value) => <LevelBadge level={value} />}
      />
      <FacetList
        title="Service"
        values={withSelected(data.services, selectedServices)}
        selected={selectedServices}
        onToggle={onToggleService}
        render={(value) => value}
      />
    </div>
  );
}

/** Selected values stay listed (count 0) even when nothing matches them, so they can be unselected. */
function withSelected(values: FacetValue[], selected: string[]): FacetValue[] {
  const missing = selected.filter((s) => !values.some((v) => v.value === s));
  return [...values, ...missing.map((value) => ({ value, count: 0 }))];
}

function FacetList({
  title,
  values,
  selected,
  onToggle,
  render,
}: {
  title: string;
  values: FacetValue[];
  selected: string[];
  onToggle: (value: string) => void;
  render: (value: string) => ReactNode;
}) {
  return (
    <section className="facet" aria-label={`${title} facet`}>
      <h2>{title}</h2>
      {values.length === 0 && <div className="muted">no matches</div>}
      <ul>
        {values.map((facet) => {
          const active = selected.includes(facet.value);
          return (
            <li key={facet.value}>
              <button
                type="button"
                className={active ? "facet-value active" : "facet-value"}
                aria-pressed={active}
                title={active ? `Remove the ${title.toLowerCase()} filter` : `Filter by ${facet.value}`}
                onClick={() => onToggle(facet.value)}
              >
                <span className="facet-name">{render(facet.value)}</span>
                <span className="facet-count">{formatCount(facet.count)}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
