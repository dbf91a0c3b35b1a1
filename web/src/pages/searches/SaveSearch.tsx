// "Save" on the Search page: the current filters and range under a name, private or (editors)
// shared with the project. Only a signed-in person keeps searches; a query key has no person.

import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { saveSearch } from "../../api/boards";
import { roleAtLeast } from "../../api/people";
import { asApiError } from "../../api/useApi";
import { personSession } from "../../auth/session";
import { draftOfSearchUrl } from "./savedSearchUrl";

export function SaveSearch({ params }: { params: URLSearchParams }) {
  const session = personSession();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [shared, setShared] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  if (!session) return null;

  async function save(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    try {
      const saved = await saveSearch(draftOfSearchUrl(params, name.trim(), shared));
      setMessage({ ok: true, text: `Saved "${saved.name}".` });
      setOpen(false);
      setName("");
    } catch (err) {
      setMessage({ ok: false, text: asApiError(err).message });
    }
  }

  return (
    <span className="save-search">
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open}>
        Save
      </button>
      {open && (
        <form className="inline-form" onSubmit={save}>
          <input
            aria-label="Saved search name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={200}
          />
          <label title={roleAtLeast(session.project?.role, "editor") ? "" : "editors share"}>
            <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} />{" "}
            Share with the project
          </label>
          <button type="submit" disabled={name.trim() === ""}>
            Save search
          </button>
        </form>
      )}
      {message && (
        <output className={message.ok ? "action-message" : "action-message field-error"} role={message.ok ? undefined : "alert"}>
          {message.text} {message.ok && <Link to="/searches">Saved searches</Link>}
        </output>
      )}
    </span>
  );
}
