// The active text, stream, pattern and attribute filters as removable chips.

import { attributeParam, type UrlChanges } from "../../url/useUrlState";
import { isLogQuery, isMetricQuery } from "./logql";
import type { SearchState } from "./searchState";

export function FilterChips({
  state,
  onChange,
}: {
  state: SearchState;
  /** Receives the URL change that removes a filter. */
  onChange: (changes: UrlChanges) => void;
}) {
  const attributes = Object.entries(state.attributes);
  if (!state.q && !state.stream && !state.pattern && attributes.length === 0) return null;
  return (
    <ul className="filter-chips" aria-label="Active filters">
      {state.q && (
        <Chip
          label={`${isLogQuery(state.q) || isMetricQuery(state.q) ? "LogQL" : "text"}: ${state.q}`}
          onRemove={() => onChange({ q: null })}
        />
      )}
      {state.stream && <Chip label={`stream = ${state.stream}`} onRemove={() => onChange({ stream: null })} />}
      {state.pattern && (
        <Chip label={`pattern = ${state.pattern}`} onRemove={() => onChange({ pattern: null })} />
      )}
      {attributes.map(([key, value]) => (
        <Chip key={key} label={`attr.${key} = ${value}`} onRemove={() => onChange({ [attributeParam(key)]: null })} />
      ))}
    </ul>
  );
}

function Chip({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <li className="filter-chip">
      <span className="mono">{label}</span>
      <button type="button" className="link" aria-label={`Remove filter ${label}`} onClick={onRemove}>
        ×
      </button>
    </li>
  );
}
