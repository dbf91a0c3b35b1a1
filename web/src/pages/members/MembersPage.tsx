// Members (/members): the people with a role on the session's project. Admins invite people by
// email (the link is shown once, to send by hand), change roles and remove project roles; the
// service refuses what the person's own role does not allow, and the page says why.

import { useState, type FormEvent } from "react";
import { invite, members, pendingInvitations, removeMember, roleAtLeast, setMemberRole } from "../../api/people";
import { ROLES, type Invitation, type InvitationLink, type Role } from "../../api/types";
import { useApi } from "../../api/useApi";
import { personSession } from "../../auth/session";
import { Empty, ErrorState, Loading } from "../../components/States";
import "./people.css";

export function MembersPage() {
  const session = personSession();
  const role = session?.project?.role;
  const isAdmin = roleAtLeast(role, "admin");
  const [changes, setChanges] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const list = useApi((signal) => members(signal), `${session?.project?.projectId} ${changes}`);
  const pending = useApi<{ invitations: Invitation[] }>(
    (signal) =>
      isAdmin ? pendingInvitations(signal) : Promise.resolve({ invitations: [] }),
    `${session?.project?.projectId} ${changes} ${isAdmin}`,
  );

  async function act(action: () => Promise<unknown>) {
    setProblem(null);
    try {
      await action();
      setChanges((n) => n + 1);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <section className="page people-page members-page">
      <div className="toolbar">
        <h1>Members of {session?.project?.projectName ?? "no project"}</h1>
        <span className="muted">Your role: {role ?? "none"}</span>
      </div>
      {problem && (
        <p className="state state-error action-error" role="alert">
          {problem}
        </p>
      )}
      <section className="card" aria-label="Members">
        {list.status === "loading" && !list.previous && <Loading what="Loading members" />}
        {list.status === "error" && <ErrorState error={list.error} />}
        {list.status === "ready" && list.data.members.length === 0 && (
          <Empty>Nobody has a role on this project yet.</Empty>
        )}
        {list.status === "ready" && list.data.members.length > 0 && (
          <table className="people-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Email</th>
                <th>Role</th>
                <th>Organisation-wide</th>
                {isAdmin && <th />}
              </tr>
            </thead>
            <tbody>
              {list.data.members.map((member) => (
                <tr key={member.user.id} data-email={member.user.email}>
                  <td>{member.user.name}</td>
                  <td>{member.user.email}</td>
                  <td className="member-role">
                    {isAdmin && member.user.id !== session?.user.id ? (
                      <select
                        aria-label={`Role of ${member.user.email}`}
                        value={member.projectRole ?? member.role}
                        onChange={(e) =>
                          act(() => setMemberRole(member.user.id, e.target.value as Role))
                        }
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {r}
                          </option>
                        ))}
                      </select>
                    ) : (
                      member.role
                    )}
                  </td>
                  <td>{member.organisationRole ?? "—"}</td>
                  {isAdmin && (
                    <td>
                      {member.projectRole && member.user.id !== session?.user.id && (
                        <button
                          type="button"
                          className="link"
                          onClick={() => act(() => removeMember(member.user.id))}
                        >
                          Remove
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {isAdmin && <InviteForm onInvited={() => setChanges((n) => n + 1)} own={role!} />}
      {isAdmin && (
        <section className="card" aria-label="Pending invitations">
          <h2>Pending invitations</h2>
          {pending.status === "loading" && !pending.previous && <Loading what="Loading invitations" />}
          {pending.status === "error" && <ErrorState error={pending.error} />}
          {pending.status === "ready" && pending.data.invitations.length === 0 && (
            <Empty>No invitation is waiting.</Empty>
          )}
          {pending.status === "ready" && pending.data.invitations.length > 0 && (
            <ul className="plain-list">
              {pending.data.invitations.map((inv) => (
                <li key={inv.id}>
                  {inv.email} as {inv.role}, until {new Date(inv.expiresAt).toLocaleString()}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </section>
  );
}

function InviteForm({ onInvited, own }: { onInvited: () => void; own: Role }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [link, setLink] = useState<InvitationLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setLink(null);
    try {
      setLink(await invite(email.trim(), role));
      setEmail("");
      onInvited();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card invite" aria-label="Invite">
      <h2>Invite someone</h2>
      <form className="inline-form" onSubmit={submit}>
        <label htmlFor="invite-email">Email to invite</label>
        <input
          id="invite-email"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <label htmlFor="invite-role">Invited role</label>
        <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.filter((r) => roleAtLeast(own, r)).map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <button type="submit" disabled={busy || !email}>
          Invite
        </button>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {link && (
        <p className="invitation-link">
          Send this link to {link.invitation.email} (it works once, until{" "}
          {new Date(link.invitation.expiresAt).toLocaleString()}):{" "}
          <code data-testid="invitation-url">{link.url}</code>
        </p>
      )}
    </section>
  );
}
