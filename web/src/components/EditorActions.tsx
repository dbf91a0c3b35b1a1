// The buttons under a saved-thing editor (a rule, a derived metric): create or save, the
// on/off toggle and delete once saved, what is in progress; disabled while an action runs. A
// person below editor gets only the read-only buttons (`children`).

import type { ReactNode } from "react";
import { mayChange } from "../api/people";
import { Loading } from "./States";

export function EditorActions({
  saved,
  busy,
  toggleLabel,
  onToggle,
  onDelete,
  children,
}: {
  saved: boolean;
  busy: string | null;
  /** The toggle's label for the saved thing's current state ("Mute", "Pause", ...). */
  toggleLabel: string;
  onToggle: () => void;
  onDelete: () => void;
  /** Buttons before the others (e.g. Preview). */
  children?: ReactNode;
}) {
  if (!mayChange("editor")) {
    return (
      <div className="actions">
        {children}
        <p className="muted small">Your role reads this; an editor changes it.</p>
      </div>
    );
  }
  return (
    <div className="actions">
      {children}
      <button type="submit" className="primary" disabled={busy !== null}>
        {saved ? "Save" : "Create"}
      </button>
      {saved && (
        <button type="button" onClick={onToggle} disabled={busy !== null}>
          {toggleLabel}
        </button>
      )}
      {saved && (
        <button type="button" className="danger" onClick={onDelete} disabled={busy !== null}>
          Delete
        </button>
      )}
      {busy && <Loading what={busy} />}
    </div>
  );
}
