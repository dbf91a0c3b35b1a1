// "Columns" above the Search page's results: show or hide the level, service and stream columns,
// remove an attribute column, or add one by name. The choice lives in the URL (columns.ts).

import { useState, type FormEvent } from "react";
import { isColumnName, OPTIONAL_COLUMNS, toggledColumn, type ColumnChoice } from "./columns";

const LABELS: Record<(typeof OPTIONAL_COLUMNS)[number], string> = {
  level: "Level",
  service: "Service",
  stream: "Stream",
};

export function ColumnPicker({
  choice,
  onChange,
}: {
  choice: ColumnChoice;
  onChange: (choice: ColumnChoice) => void;
}) {
  const [name, setName] = useState("");
  const trimmed = name.trim();
  const valid = isColumnName(trimmed) && !choice.attributes.includes(trimmed);

  function add(e: FormEvent) {
    e.preventDefault();
    if (!valid) return;
    onChange(toggledColumn(choice, trimmed));
    setName("");
  }

  return (
    <details className="column-picker">
      <summary>Columns</summary>
      <fieldset aria-label="Columns shown">
        {OPTIONAL_COLUMNS.map((column) => (
          <label key={column}>
            <input
              type="checkbox"
              checked={!choice.hidden.includes(column)}
              onChange={() => onChange(toggledColumn(choice, column))}
            />{" "}
            {LABELS[column]}
          </label>
        ))}
        {choice.attributes.map((attribute) => (
          <label key={attribute}>
            <input
              type="checkbox"
              checked
              aria-label={`Show ${attribute} as a column`}
              onChange={() => onChange(toggledColumn(choice, attribute))}
            />{" "}
            {attribute}
          </label>
        ))}
      </fieldset>
      <form className="inline-form" onSubmit={add}>
        <input
          aria-label="Attribute column to add"
          placeholder="attribute, e.g. http.status"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={100}
        />
        <button type="submit" disabled={!valid}>
          Add column
        </button>
      </form>
    </details>
  );
}
