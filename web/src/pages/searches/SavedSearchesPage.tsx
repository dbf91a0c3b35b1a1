// Saved searches (/searches): the project's shared ones and the person's own; open one in Search,
// share it (a link for members; editors: a public snapshot), delete it if the person may.

import { Link, Navigate, useParams } from "react-router-dom";
import { deleteSavedSearch, getSavedSearch, savedSearches } from "../../api/boards";
import { useApi } from "../../api/useApi";
import { useProjectList } from "../../api/useProjectList";
import { personSession } from "../../auth/session";
import { ActionError, Empty, ErrorState, ListStates, Loading } from "../../components/States";
import { ShareButton } from "../share/ShareDialog";
import { describeWindow, searchUrlOf } from "./savedSearchUrl";
import "../members/people.css";

export function SavedSearchesPage() {
  const session = personSession();
  const { list, problem, change } = useProjectList((signal) => savedSearches(signal));
  const remove = (id: string) => change(() => deleteSavedSearch(id));

  return (
    <section className="page people-page searches-page">
      <div className="toolbar">
        <h1>Saved searches of {session?.project?.projectName ?? "no project"}</h1>
      </div>
      <ActionError error={problem} />
      <section className="card" aria-label="Saved searches">
        <ListStates
          list={list}
          loading="Loading saved searches"
          isEmpty={(data) => data.searches.length === 0}
          empty="No saved search yet: search, then press Save."
        >
          {(data) => (
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
              {data.searches.map((search) => (
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
        </ListStates>
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
