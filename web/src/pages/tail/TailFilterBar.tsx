// The live tail's filters (the search filters without a time range), edited in a form and kept in
// the URL: text, levels, services, stream and attr.<key>=<value>.

import { useState, type FormEvent } from "react";
import { LEVELS, type Level } from "../../api/types";
import { LevelBadge } from "../../components/LevelBadge";
import { useDraft } from "../../url/useDraft";
import { attributeParam, type UrlChanges } from "../../url/useUrlState";
import { FilterChips } from "../search/FilterChips";
import { toggled, type SearchState } from "../search/searchState";

const ATTRIBUTE_INPUT = /^([A-Za-z0-9_.-]{1,128})=(.{0,512})$/s;

export function TailFilterBar({
  state,
  onChange,
}: {
  state: SearchState;
  onChange: (changes: UrlChanges) => void;
}) {
  const [text, setText] = useDraft(state.q);
  const [services, setServices] = useDraft(state.services.join(", "));
  const [stream, setStream] = useDraft(state.stream);
  const [attribute, setAttribute] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  function apply(e: FormEvent) {
    e.preventDefault();
    const changes: UrlChanges = {
      q: text.trim() || null,
      service: services
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== ""),
      stream: stream.trim() || null,
    };
    if (attribute.trim()) {
      const match = ATTRIBUTE_INPUT.exec(attribute.trim());
      if (!match) {
        setProblem("Write an attribute filter as key=value (key: letters, digits, _ . -).");
        return;
      }
      changes[attributeParam(match[1])] = match[2];
    }
    setProblem(null);
    setAttribute("");
    onChange(changes);
  }

  return (
    <div className="tail-filters">
      <form className="tail-filter-form" onSubmit={apply} aria-label="Live tail filters">
        <FilterInput
          type="search"
          label="Text"
          placeholder='Words in the message, or LogQL: {service="api"} |= "timeout"'
          value={text}
          onChange={setText}
        />
        <FilterInput
          label="Services"
          placeholder="services (comma-separated)"
          value={services}
          onChange={setServices}
        />
        <FilterInput label="Stream" placeholder="stream" value={stream} onChange={setStream} />
        <FilterInput
          label="Attribute filter"
          placeholder="attribute key=value"
          value={attribute}
          onChange={setAttribute}
        />
        <button type="submit">Apply filters</button>
      </form>
      <div className="tail-levels" role="group" aria-label="Levels">
        {LEVELS.map((level: Level) => (
          <button
            key={level}
            type="button"
            className={state.levels.includes(level) ? "chip active" : "chip"}
            aria-pressed={state.levels.includes(level)}
            onClick={() => onChange({ level: toggled<string>(state.levels, level) })}
          >
            <LevelBadge level={level} />
          </button>
        ))}
        <span className="muted">{state.levels.length === 0 ? "all levels" : ""}</span>
      </div>
      {problem && (
        <div className="field-error" role="alert">
          {problem}
        </div>
      )}
      <FilterChips state={state} onChange={onChange} />
    </div>
  );
}

function FilterInput({
  type = "text",
  label,
  placeholder,
  value,
  onChange,
}: {
  type?: "text" | "search";
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <input
      type={type}
      aria-label={label}
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
