// Relative ranges (15m … 7d) as buttons, or an absolute from/to in UTC.

import { useEffect, useState } from "react";
import { RELATIVE_RANGES, type TimeRange } from "../url/timeRange";

/** ISO instant -> value of a datetime-local input, in UTC ("2026-11-21T05:40:01"). */
function toInput(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19);
}

/** Value of a datetime-local input, read as UTC -> ISO instant, or null when unreadable. */
function fromInput(value: string): string | null {
  const ms = Date.parse(value.length === 16 ? `${value}:00Z` : `${value}Z`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export function TimeRangePicker({
  value,
  resolved,
  onChange,
}: {
  value: TimeRange;
  /** The instants a relative range stands for now; shown in the inputs as a start for editing. */
  resolved?: { from: string; to: string };
  onChange: (range: TimeRange) => void;
}) {
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  const shown = value.kind === "absolute" ? value : resolved;
  useEffect(() => {
    if (shown) {
      setFrom(toInput(shown.from));
      setTo(toInput(shown.to));
    }
  }, [shown?.from, shown?.to]);

  function applyAbsolute() {
    const fromIso = fromInput(from);
    const toIso = fromInput(to);
    if (!fromIso || !toIso) {
      setProblem("Enter both times as YYYY-MM-DDTHH:MM:SS (UTC).");
    } else if (Date.parse(fromIso) >= Date.parse(toIso)) {
      setProblem("'From' must be before 'to'.");
    } else {
      setProblem(null);
      onChange({ kind: "absolute", from: fromIso, to: toIso });
    }
  }

  return (
    <div className="time-range" role="group" aria-label="Time range">
      {RELATIVE_RANGES.map((range) => (
        <button
          key={range}
          type="button"
          className={value.kind === "relative" && value.range === range ? "chip active" : "chip"}
          aria-pressed={value.kind === "relative" && value.range === range}
          onClick={() => onChange({ kind: "relative", range })}
        >
          {range}
        </button>
      ))}
      <UtcInput label="from" value={from} onChange={setFrom} />
      <UtcInput label="to" value={to} onChange={setTo} />
      <button
        type="button"
        className={value.kind === "absolute" ? "chip active" : "chip"}
        onClick={applyAbsolute}
      >
        Apply UTC range
      </button>
      {problem && (
        <span className="field-error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

function UtcInput({
  label,
  value,
  onChange,
}: {
  label: "from" | "to";
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label className="time-input">
      {label}
      <input
        type="datetime-local"
        step="1"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-label={`${label[0].toUpperCase()}${label.slice(1)} (UTC)`}
      />
    </label>
  );
}
