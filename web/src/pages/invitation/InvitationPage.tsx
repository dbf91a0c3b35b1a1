// An invitation link (/invitations/<token>): what it grants, and accepting it once, with a name and
// a new password, or the password of an existing account. Opens without being signed in.

import { useState, type FormEvent } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { acceptInvitation, getInvitation } from "../../api/people";
import { useApi } from "../../api/useApi";
import { ErrorState, Loading } from "../../components/States";

export function InvitationPage() {
  const { token = "" } = useParams();
  const navigate = useNavigate();
  const invitation = useApi((signal) => getInvitation(token, signal), token);
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function accept(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await acceptInvitation(token, name.trim(), password);
      navigate("/search", { replace: true });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  }

  return (
    <section className="card signin invitation-page">
      <h1>Invitation</h1>
      {invitation.status === "loading" && <Loading what="Opening the invitation" />}
      {invitation.status === "error" && <ErrorState error={invitation.error} />}
      {invitation.status === "ready" &&
        (() => {
          const { invitation: inv, existingAccount } = invitation.data;
          return (
            <>
              <p className="invitation-summary">
                <strong>{inv.email}</strong> is invited to{" "}
                {inv.projectName ? (
                  <>
                    the project <strong>{inv.projectName}</strong> of{" "}
                  </>
                ) : (
                  "every project of "
                )}
                <strong>{inv.organisationName}</strong> as <strong>{inv.role}</strong>.
              </p>
              <form onSubmit={accept}>
                {!existingAccount && (
                  <>
                    <label htmlFor="name">Your name</label>
                    <input
                      id="name"
                      name="name"
                      autoComplete="name"
                      value={name}
                      onChange={(e) => setName(e.target.value)}
                    />
                  </>
                )}
                <label htmlFor="new-password">
                  {existingAccount ? "Your password" : "Choose a password (10 characters or more)"}
                </label>
                <input
                  id="new-password"
                  name="password"
                  type="password"
                  autoComplete={existingAccount ? "current-password" : "new-password"}
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                />
                <button type="submit" disabled={busy || !password}>
                  {busy ? "Accepting…" : "Accept invitation"}
                </button>
                {error && (
                  <p className="field-error" role="alert">
                    {error}
                  </p>
                )}
              </form>
            </>
          );
        })()}
    </section>
  );
}
