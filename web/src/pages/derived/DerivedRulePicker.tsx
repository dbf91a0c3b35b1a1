// A choice among the project's derived metrics (recording rules), for a dashboard panel that
// charts one.

import { recordingRules } from "../../api/client";
import { useApi } from "../../api/useApi";

export function DerivedRulePicker({
  value,
  onChange,
  label = "Derived metric",
}: {
  value: string | undefined;
  onChange: (ruleId: string) => void;
  label?: string;
}) {
  const rules = useApi((signal) => recordingRules(signal), "recording-rules");
  if (rules.status === "loading") return <span className="muted small">Reading derived metrics…</span>;
  if (rules.status === "error") return <span className="field-error">{rules.error.detail}</span>;
  const list = rules.data.rules;
  const known = list.some((r) => r.id === value);
  return (
    <select aria-label={label} value={value ?? ""} onChange={(e) => onChange(e.target.value)}>
      <option value="" disabled>
        {list.length === 0 ? "no derived metrics yet" : "choose a derived metric"}
      </option>
      {value && !known && <option value={value}>unknown rule {value.slice(0, 8)}…</option>}
      {list.map((r) => (
        <option key={r.id} value={r.id}>
          {r.name}
        </option>
      ))}
    </select>
  );
}
