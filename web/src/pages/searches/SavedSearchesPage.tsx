// Saved searches (/searches): the project's shared ones and the person's own; open one in Search,
// share it (a link for members; editors: a public snapshot), delete it if the person may.

import { useState } from "react";
import { Link, Navigate, useParams } from "react-router-dom";
import { deleteSavedSearch, getSavedSearch, savedSearches } from "../../api/boards";
import { useApi } from "../../api/useApi";
import { personSession } from "../../auth/session";
import { Empty, ErrorState, Loading } from "../../components/States";
import { ShareButton } from "../share/ShareDialog";
import { describeWindow, searchUrlOf } from "./savedSearchUrl";
import "../members/people.css";

export function SavedSearchesPage() {
  const session = personSession();
  const [changes, setChanges] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const list = useApi((signal) => savedSearches(signal), `${session?.project?.projectId} ${changes}`);

  async function remove(id: string) {
    setProblem(null);
    try {
      await deleteSavedSearch(id);
      setChanges((n) => n + 1);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <section className="page people-page searches-page">
      <div className="toolbar">
        <h1>Saved searches of {session?.project?.projectName ?? "no project"}</h1>
      </div>
      {problem && (
        <p className="state state-error action-error" role="alert">
          {problem}
        </p>
      )}
      <section className="card" aria-label="Saved searches">
        {list.status === "loading" && !list.previous && <Loading what="Loading saved searches" />}
        {list.status === "error" && <ErrorState error={list.error} />}
        {list.status === "ready" && list.data.searches.length === 0 && (
          <Empty>No saved search yet: search, then press Save.</Empty>
        )}
        {list.status === "ready" && list.data.searches.length > 0 && (
          <table className="people-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Range</th>
                <th>Visible to</th>
                <th>Owner</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.searches.map((search) => (
                <tr key={search.id} data-search-name={search.name}>
                  <td>
                    <Link to={searchUrlOf(search)}>{search.name}</Link>
                  </td>
                  <td>{describeWindow(search.range)}</td>
                  <td>{search.shared ? "the project" : "you"}</td>
                  <td>{search.owner.name}</td>
                  <td className="row-actions">
                    <ShareButton
                      page={`/searches/${search.id}`}
                      publicTarget={{ kind: "search_snapshot", savedSearchId: search.id }}
                    />
                    {search.canEdit && (
                      <button type="button" className="link" onClick={() => remove(search.id)}>
                        Delete
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

/** /searches/:id (member links): opens the saved search in Search. */
export function SavedSearchOpen() {
  const { id = "" } = useParams();
  const search = useApi((signal) => getSavedSearch(id, signal), id);
  if (search.status === "loading") return <Loading what="Opening the saved search" />;
  if (search.status === "error")
    return search.error.status === 404 ? (
      <Empty>No saved search {id} that you can see in this project.</Empty>
    ) : (
      <ErrorState error={search.error} />
    );
  return <Navigate to={searchUrlOf(search.data)} replace />;
}
