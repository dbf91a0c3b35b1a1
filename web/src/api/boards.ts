// Typed client of saved searches, dashboards and sharing: a person's session and its project,
// through the people routes' client (CSRF token on changes), and the public links, which need none.

import { ApiError, errorBody } from "./client";
import { send } from "./people";
import type {
  Dashboard,
  DashboardDocument,
  DashboardSummary,
  IssuedPublicLink,
  MemberLink,
  PublicLink,
  PublicLinkAnswer,
  PublicLinkRequest,
  SavedSearch,
  SavedSearchDraft,
} from "./types";

const enc = encodeURIComponent;

export function savedSearches(signal?: AbortSignal): Promise<{ searches: SavedSearch[] }> {
  return send("GET", "/v1/project/searches", undefined, signal);
}

export function saveSearch(draft: SavedSearchDraft): Promise<SavedSearch> {
  return send("POST", "/v1/project/searches", draft);
}

export function getSavedSearch(id: string, signal?: AbortSignal): Promise<SavedSearch> {
  return send("GET", `/v1/project/searches/${enc(id)}`, undefined, signal);
}

export function deleteSavedSearch(id: string): Promise<void> {
  return send("DELETE", `/v1/project/searches/${enc(id)}`);
}

export function dashboards(signal?: AbortSignal): Promise<{ dashboards: DashboardSummary[] }> {
  return send("GET", "/v1/project/dashboards", undefined, signal);
}

export function getDashboard(id: string, signal?: AbortSignal): Promise<Dashboard> {
  return send("GET", `/v1/project/dashboards/${enc(id)}`, undefined, signal);
}

export function createDashboard(document: DashboardDocument): Promise<Dashboard> {
  return send("POST", "/v1/project/dashboards", document);
}

export function importDashboard(document: unknown): Promise<Dashboard> {
  return send("POST", "/v1/project/dashboards/import", document);
}

export function updateDashboard(id: string, document: DashboardDocument): Promise<Dashboard> {
  return send("PUT", `/v1/project/dashboards/${enc(id)}`, document);
}

export function deleteDashboard(id: string): Promise<void> {
  return send("DELETE", `/v1/project/dashboards/${enc(id)}`);
}

export function exportDashboard(id: string): Promise<DashboardDocument> {
  return send("GET", `/v1/project/dashboards/${enc(id)}/export`);
}

/** A link for the project's members to a page of the dashboard (`/search?..`, `/dashboards/<id>`...). */
export function memberLink(page: string): Promise<MemberLink> {
  return send("POST", "/v1/project/links", { page });
}

export function publicLinks(signal?: AbortSignal): Promise<{ links: PublicLink[] }> {
  return send("GET", "/v1/project/public-links", undefined, signal);
}

export function createPublicLink(request: PublicLinkRequest): Promise<IssuedPublicLink> {
  return send("POST", "/v1/project/public-links", request);
}

export function revokePublicLink(id: string): Promise<PublicLink> {
  return send("DELETE", `/v1/project/public-links/${enc(id)}`);
}

/** What a public link answers; no session, no key: the token is the permission. */
export async function readPublicLink(
  token: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<PublicLinkAnswer> {
  const query = cursor ? `?cursor=${enc(cursor)}` : "";
  let response: Response;
  try {
    response = await fetch(`/v1/public/${enc(token)}${query}`, {
      headers: { Accept: "application/json" },
      credentials: "omit",
      signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, "network_error", "Cannot reach the query service.");
  }
  if (response.ok) return (await response.json()) as PublicLinkAnswer;
  const error = await errorBody(response);
  throw new ApiError(response.status, error.error, error.message);
}
