// The active text, stream and attribute filters as removable chips.

import type { SearchState } from "./searchState";

export function FilterChips({
  state,
  onRemoveAttribute,
  onRemoveStream,
  onClearText,
}: {
  state: SearchState;
  onRemoveAttribute: (key: string) => void;
  onRemoveStream: () => void;
  onClearText: () => void;
}) {
  const attributes = Object.entries(state.attributes);
  if (!state.q && !state.stream && attributes.length === 0) return null;
  return (
    <ul className="filter-chips" aria-label="Active filters">
      {state.q && <Chip label={`text: ${state.q}`} onRemove={onClearText} />}
      {state.stream && <Chip label={`stream = ${state.stream}`} onRemove={onRemoveStream} />}
      {attributes.map(([key, value]) => (
        <Chip key={key} label={`attr.${key} = ${value}`} onRemove={() => onRemoveAttribute(key)} />
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
