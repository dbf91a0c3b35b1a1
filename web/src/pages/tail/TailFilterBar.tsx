// The live tail's filters (the search filters without a time range), edited in a form and kept in
// the URL: text, levels, services, stream and attr.<key>=<value>.

import { useEffect, useState, type FormEvent } from "react";
import { LEVELS, type Level } from "../../api/types";
import { LevelBadge } from "../../components/LevelBadge";
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
  const [text, setText] = useState(state.q);
  const [services, setServices] = useState(state.services.join(", "));
  const [stream, setStream] = useState(state.stream);
  const [attribute, setAttribute] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setText(state.q), [state.q]);
  useEffect(() => setServices(state.services.join(", ")), [state.services.join(",")]);
  useEffect(() => setStream(state.stream), [state.stream]);

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
        <input
          type="search"
          aria-label="Text"
          placeholder='Words in the message, "quoted phrase"'
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <input
          type="text"
          aria-label="Services"
          placeholder="services (comma-separated)"
          value={services}
          onChange={(e) => setServices(e.target.value)}
        />
        <input
          type="text"
          aria-label="Stream"
          placeholder="stream"
          value={stream}
          onChange={(e) => setStream(e.target.value)}
        />
        <input
          type="text"
          aria-label="Attribute filter"
          placeholder="attribute key=value"
          value={attribute}
          onChange={(e) => setAttribute(e.target.value)}
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
      <FilterChips
        state={state}
        onRemoveAttribute={(key) => onChange({ [attributeParam(key)]: null })}
        onRemoveStream={() => onChange({ stream: null })}
        onClearText={() => onChange({ q: null })}
      />
    </div>
  );
}
