// Public links (/public-links): the project's public read-only links, their expiry and status;
// editors revoke them. Links are made from the Share button of a stream or a saved search.

import { publicLinks, revokePublicLink } from "../../api/boards";
import { useProjectList } from "../../api/useProjectList";
import { personSession } from "../../auth/session";
import { ActionError, ListStates } from "../../components/States";
import "../members/people.css";

export function PublicLinksPage() {
  const session = personSession();
  const { list: links, problem, change } = useProjectList((signal) => publicLinks(signal));
  const revoke = (id: string) => change(() => revokePublicLink(id));

  return (
    <section className="page people-page public-links-page">
      <div className="toolbar">
        <h1>Public links of {session?.project?.projectName ?? "no project"}</h1>
      </div>
      <ActionError error={problem} />
      <section className="card" aria-label="Public links">
        <ListStates
          list={links}
          loading="Loading public links"
          isEmpty={(data) => data.links.length === 0}
          empty="No public link: make one with Share on a stream or a saved search."
        >
          {(data) => (
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
              {data.links.map((link) => (
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
        </ListStates>
      </section>
    </section>
  );
}
