// Public links (/public-links): the project's public read-only links, their expiry and status;
// editors revoke them. Links are made from the Share button of a stream or a saved search.

import { useState } from "react";
import { publicLinks, revokePublicLink } from "../../api/boards";
import { useApi } from "../../api/useApi";
import { personSession } from "../../auth/session";
import { Empty, ErrorState, Loading } from "../../components/States";
import "../members/people.css";

export function PublicLinksPage() {
  const session = personSession();
  const [changes, setChanges] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const links = useApi((signal) => publicLinks(signal), `${session?.project?.projectId} ${changes}`);

  async function revoke(id: string) {
    setProblem(null);
    try {
      await revokePublicLink(id);
      setChanges((n) => n + 1);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <section className="page people-page public-links-page">
      <div className="toolbar">
        <h1>Public links of {session?.project?.projectName ?? "no project"}</h1>
      </div>
      {problem && (
        <p className="state state-error action-error" role="alert">
          {problem}
        </p>
      )}
      <section className="card" aria-label="Public links">
        {links.status === "loading" && !links.previous && <Loading what="Loading public links" />}
        {links.status === "error" && <ErrorState error={links.error} />}
        {links.status === "ready" && links.data.links.length === 0 && (
          <Empty>No public link: make one with Share on a stream or a saved search.</Empty>
        )}
        {links.status === "ready" && links.data.links.length > 0 && (
          <table className="people-table">
            <thead>
              <tr>
                <th>Title</th>
                <th>Answers</th>
                <th>Status</th>
                <th>Expires</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {links.data.links.map((link) => (
                <tr key={link.id} data-link-title={link.title}>
                  <td>{link.title}</td>
                  <td>{link.kind === "stream" ? `stream ${link.stream}` : "search snapshot"}</td>
                  <td className="link-status">{link.status}</td>
                  <td>{new Date(link.expiresAt).toLocaleString()}</td>
                  <td>
                    {link.status === "active" && (
                      <button type="button" className="link" onClick={() => revoke(link.id)}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
