// Share: a link for the project's members to this page (it opens for anyone with a role on the
// project and asks others to sign in first), and for editors a public read-only link to a stream
// or a saved search's snapshot, with an expiry. Shown only to a signed-in person.

import { useState } from "react";
import { createPublicLink, memberLink } from "../../api/boards";
import { roleAtLeast } from "../../api/people";
import type { PublicLinkRequest } from "../../api/types";
import { asApiError } from "../../api/useApi";
import { personSession } from "../../auth/session";
import "./share.css";

const EXPIRIES = ["1h", "24h", "7d", "30d"];

export type PublicTarget =
  | { kind: "stream"; stream: string }
  | { kind: "search_snapshot"; savedSearchId: string };

export function ShareButton({
  page,
  publicTarget,
}: {
  /** The dashboard page to share, e.g. `/dashboards/<id>` or `/search?q=..`. */
  page: string;
  publicTarget?: PublicTarget;
}) {
  const [open, setOpen] = useState(false);
  if (!personSession()) return null;
  return (
    <span className="share">
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open}>
        Share
      </button>
      {open && (
        <ShareDialog page={page} publicTarget={publicTarget} onClose={() => setOpen(false)} />
      )}
    </span>
  );
}

function ShareDialog({
  page,
  publicTarget,
  onClose,
}: {
  page: string;
  publicTarget?: PublicTarget;
  onClose: () => void;
}) {
  const session = personSession();
  const canPublish = roleAtLeast(session?.project?.role, "editor");
  const [membersUrl, setMembersUrl] = useState<string | null>(null);
  const [publicUrl, setPublicUrl] = useState<string | null>(null);
  const [expiresIn, setExpiresIn] = useState("24h");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>) {
    setProblem(null);
    setBusy(true);
    try {
      await action();
    } catch (e) {
      setProblem(asApiError(e).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="share-dialog card" role="dialog" aria-label="Share">
      <div className="share-row">
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            run(async () => {
              const link = await memberLink(page);
              setMembersUrl(`${window.location.origin}${link.path}`);
            })
          }
        >
          Link for members
        </button>
        {membersUrl && (
          <code className="share-url" data-testid="member-link">
            {membersUrl}
          </code>
        )}
      </div>
      {publicTarget && canPublish && (
        <div className="share-row">
          <label>
            Public link expires in{" "}
            <select value={expiresIn} onChange={(e) => setExpiresIn(e.target.value)}>
              {EXPIRIES.map((e) => (
                <option key={e} value={e}>
                  {e}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              run(async () => {
                const request: PublicLinkRequest = { ...publicTarget, expiresIn };
                const issued = await createPublicLink(request);
                setPublicUrl(`${window.location.origin}${issued.path}`);
              })
            }
          >
            Create public link
          </button>
          {publicUrl && (
            <code className="share-url" data-testid="public-link">
              {publicUrl}
            </code>
          )}
        </div>
      )}
      {problem && (
        <p className="state state-error action-error" role="alert">
          {problem}
        </p>
      )}
      <button type="button" className="link" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
