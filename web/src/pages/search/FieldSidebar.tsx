// The attributes of the newest matches (GET /v1/fields) with their top values: click a value to
// filter by it, compare a numeric field (duration_ms > 500), or show a field as a column.

import { useState, type FormEvent } from "react";
import { fields as loadFields } from "../../api/client";
import type { Field, SearchFilters } from "../../api/types";
import { useApi } from "../../api/useApi";
import { ErrorState, isBadRequest, Loading } from "../../components/States";
import { formatCount } from "../../components/format";
import type { FilterOp } from "./logql";

const COMPARISONS: FilterOp[] = [">", ">=", "<", "<=", "=", "!="];

export function FieldSidebar({
  filters,
  columns,
  onFilter,
  onToggleColumn,
}: {
  filters: SearchFilters;
  columns: string[];
  onFilter: (name: string, op: FilterOp, value: string) => void;
  onToggleColumn: (name: string) => void;
}) {
  const state = useApi((signal) => loadFields(filters, 10, signal), JSON.stringify(filters));
  // A refused query is shown once, by the search bar and the results.
  if (state.status === "error" && isBadRequest(state.error)) return null;
  if (state.status === "error") return <ErrorState error={state.error} />;
  const data = state.status === "ready" ? state.data : state.previous;
  if (!data) return <Loading what="Reading fields" />;
  const attributes = data.fields.filter((field) => field.kind === "attribute");
  return (
    <section
      className={state.status === "loading" ? "field-sidebar stale" : "field-sidebar"}
      aria-label="Fields"
      aria-busy={state.status === "loading"}
    >
      <h2>Fields</h2>
      <div className="muted fields-sample">
        of the newest {formatCount(data.sampled)} match{data.sampled === 1 ? "" : "es"}
      </div>
      {attributes.length === 0 && <div className="muted">no attributes</div>}
      <ul>
        {attributes.map((field) => (
          <FieldEntry
            key={field.name}
            field={field}
            sampled={data.sampled}
            shown={columns.includes(field.name)}
            onFilter={onFilter}
            onToggleColumn={onToggleColumn}
          />
        ))}
      </ul>
    </section>
  );
}

function FieldEntry({
  field,
  sampled,
  shown,
  onFilter,
  onToggleColumn,
}: {
  field: Field;
  sampled: number;
  shown: boolean;
  onFilter: (name: string, op: FilterOp, value: string) => void;
  onToggleColumn: (name: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [op, setOp] = useState<FilterOp>(">");
  const [number, setNumber] = useState("");

  function compare(e: FormEvent) {
    e.preventDefault();
    if (number.trim() !== "") onFilter(field.name, op, number.trim());
  }

  return (
    <li className="field" aria-label={`Field ${field.name}`}>
      <div className="field-head">
        <button
          type="button"
          className="field-name"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          title={`${formatCount(field.events)} of ${formatCount(sampled)} events, ${formatCount(field.distinct)} distinct values`}
        >
          {field.name}
          {field.numeric && <span className="field-kind"> #</span>}
        </button>
        <label className="field-column">
          <input
            type="checkbox"
            checked={shown}
            onChange={() => onToggleColumn(field.name)}
            aria-label={`Show ${field.name} as a column`}
          />
          column
        </label>
      </div>
      {open && (
        <div className="field-values">
          <ul>
            {field.values.map((value) => (
              <li key={value.value}>
                <button
                  type="button"
                  className="facet-value"
                  title={`Filter by ${field.name}="${value.value}"`}
                  onClick={() => onFilter(field.name, "=", value.value)}
                >
                  <span className="facet-name">{value.value === "" ? "(empty)" : value.value}</span>
                  <span className="facet-count">{formatCount(value.count)}</span>
                </button>
              </li>
            ))}
          </ul>
          {field.numeric && (
            <form className="field-compare" onSubmit={compare} aria-label={`Compare ${field.name}`}>
              <select
                aria-label="Comparison"
                value={op}
                onChange={(e) => setOp(e.target.value as FilterOp)}
              >
                {COMPARISONS.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
              <input
                type="number"
                step="any"
                aria-label={`${field.name} value`}
                value={number}
                onChange={(e) => setNumber(e.target.value)}
              />
              <button type="submit">Add</button>
            </form>
          )}
        </div>
      )}
    </li>
  );
}
