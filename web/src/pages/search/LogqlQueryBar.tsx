// The search bar: free text or LogQL, with completion of label names and values (from the
// project's fields in the current range) and the spot of a parse error marked under it.

import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { ApiError } from "../../api/client";
import {
  accept,
  completionContext,
  errorSpot,
  suggestions,
  type CompletionContext,
  type KnownField,
} from "./logql";

export function LogqlQueryBar({
  value,
  onChange,
  fields,
  error,
}: {
  value: string;
  onChange: (text: string) => void;
  /** Names and values to complete. */
  fields: KnownField[];
  /** The API's refusal of the submitted query, whose position is marked. */
  error: { text: string; error: ApiError } | null;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  // The highlighted option; -1 until the arrow keys move into the list (Enter then submits).
  const [active, setActive] = useState(-1);
  const [dismissed, setDismissed] = useState(false);
  const context: CompletionContext | null =
    cursor === null ? null : completionContext(value, cursor);
  const options = context && !dismissed ? suggestions(context, fields) : [];
  const spot = error ? errorSpot(error.text, error.error.facts) : null;
  const pendingCursor = useRef<number | null>(null);

  useEffect(() => {
    if (pendingCursor.current !== null && input.current) {
      input.current.setSelectionRange(pendingCursor.current, pendingCursor.current);
      setCursor(pendingCursor.current);
      pendingCursor.current = null;
    }
  }, [value]);

  function choose(option: string) {
    if (!context || cursor === null) return;
    const next = accept(value, cursor, context, option);
    pendingCursor.current = next.cursor;
    setActive(-1);
    onChange(next.text);
    input.current?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (options.length === 0) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : options.length - 1;
      setActive((current) => (Math.max(current, e.key === "ArrowDown" ? -1 : 0) + step) % options.length);
    } else if (e.key === "Tab" || (e.key === "Enter" && active >= 0)) {
      e.preventDefault();
      choose(options[Math.min(Math.max(active, 0), options.length - 1)]);
    } else if (e.key === "Escape") {
      setDismissed(true);
    }
  }

  const listId = "query-completions";
  return (
    <div className="logql-bar">
      <input
        ref={input}
        type="search"
        aria-label="Search text"
        aria-invalid={spot !== null}
        aria-autocomplete="list"
        aria-controls={options.length > 0 ? listId : undefined}
        aria-expanded={options.length > 0}
        role="combobox"
        spellCheck={false}
        autoComplete="off"
        placeholder='Words that must all occur, or LogQL: {service="api"} |= "timeout" | duration_ms > 500'
        value={value}
        onChange={(e) => {
          setDismissed(false);
          setActive(-1);
          setCursor(e.target.selectionStart);
          onChange(e.target.value);
        }}
        onSelect={(e) => setCursor(e.currentTarget.selectionStart)}
        onBlur={() => setTimeout(() => setCursor(null), 150)}
        onKeyDown={onKeyDown}
      />
      {options.length > 0 && (
        <ul className="completions" role="listbox" id={listId} aria-label="Completions">
          {options.map((option, i) => (
            <li
              key={option}
              role="option"
              aria-selected={i === active}
              className={i === active ? "active" : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(option);
              }}
            >
              {option}
            </li>
          ))}
        </ul>
      )}
      {spot && (
        <div className="logql-error" role="alert" aria-label="Query error">
          <code className="logql-error-text">
            {spot.before}
            <mark className="logql-error-at">{spot.at}</mark>
            {spot.after}
          </code>
          <div className="logql-error-message">
            at column {spot.before.length - spot.before.lastIndexOf("\n")}: {spot.expected}
          </div>
        </div>
      )}
    </div>
  );
}
