// Typed client of the people routes: password sign-in, the session and its project, sign-out,
// invitations, the project's members and API keys, organisations and their audit log. The session
// travels in its HttpOnly cookie; every change carries the session's CSRF token. A 401 ends the
// page's session with the reason; a 403 is the caller's role being too low and is only reported.

import { personSession, setPersonSession, signOut } from "../auth/session";
import { ApiError, errorBody } from "./client";
import type {
  ApiKey,
  AuditEntry,
  Invitation,
  InvitationLink,
  InvitationView,
  IssuedApiKey,
  Member,
  Membership,
  PersonSession,
  Role,
} from "./types";

type Method = "GET" | "POST" | "PUT" | "DELETE";

export async function send<T>(
  method: Method,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const csrf = personSession()?.csrfToken;
  if (method !== "GET" && csrf) headers["X-CSRF-Token"] = csrf;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, "network_error", "Cannot reach the query service.");
  }
  if (response.status === 204) return undefined as T;
  if (response.ok) return (await response.json()) as T;
  const error = await errorBody(response);
  if (response.status === 401 && personSession() && error.error === "not_signed_in") {
    signOut(`${error.message} (${error.error})`);
  }
  throw new ApiError(response.status, error.error, error.message);
}

/** The session of this browser's cookie, or null if it has none (or it ended). */
export async function loadSession(signal?: AbortSignal): Promise<PersonSession | null> {
  try {
    return await send<PersonSession>("GET", "/v1/auth/session", undefined, signal);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export async function signInWithPassword(email: string, password: string): Promise<PersonSession> {
  const session = await send<PersonSession>("POST", "/v1/auth/sign-in", { email, password });
  setPersonSession(session);
  return session;
}

/** Where the browser goes to sign in through single sign-on, back to `next` afterwards. */
export function ssoStartUrl(next: string): string {
  return `/v1/auth/sso/start?next=${encodeURIComponent(next)}`;
}

export async function chooseProject(projectId: string): Promise<PersonSession> {
  const session = await send<PersonSession>("PUT", "/v1/auth/session", { projectId });
  setPersonSession(session);
  return session;
}

export async function signOutPerson(): Promise<void> {
  try {
    await send<void>("POST", "/v1/auth/sign-out");
  } finally {
    signOut();
  }
}

export async function signOutEverywhere(): Promise<number> {
  const answer = await send<{ sessionsEnded: number }>("POST", "/v1/auth/sign-out-everywhere");
  signOut();
  return answer.sessionsEnded;
}

export function getInvitation(token: string, signal?: AbortSignal): Promise<InvitationView> {
  return send("GET", `/v1/invitations/${encodeURIComponent(token)}`, undefined, signal);
}

export async function acceptInvitation(
  token: string,
  name: string,
  password: string,
): Promise<PersonSession> {
  const session = await send<PersonSession>(
    "POST",
    `/v1/invitations/${encodeURIComponent(token)}/accept`,
    { name, password },
  );
  setPersonSession(session);
  return session;
}

export function members(signal?: AbortSignal): Promise<{ members: Member[] }> {
  return send("GET", "/v1/project/members", undefined, signal);
}

export function setMemberRole(userId: string, role: Role): Promise<Member> {
  return send("PUT", `/v1/project/members/${encodeURIComponent(userId)}`, { role });
}

export function removeMember(userId: string): Promise<{ remainingRole: string }> {
  return send("DELETE", `/v1/project/members/${encodeURIComponent(userId)}`);
}

export function invite(email: string, role: Role): Promise<InvitationLink> {
  return send("POST", "/v1/project/invitations", { email, role });
}

export function pendingInvitations(signal?: AbortSignal): Promise<{ invitations: Invitation[] }> {
  return send("GET", "/v1/project/invitations", undefined, signal);
}

export function projectKeys(signal?: AbortSignal): Promise<{ keys: ApiKey[] }> {
  return send("GET", "/v1/project/keys", undefined, signal);
}

export function issueKey(scopes: string[]): Promise<IssuedApiKey> {
  return send("POST", "/v1/project/keys", { scopes });
}

export function revokeKey(keyId: string): Promise<ApiKey> {
  return send("DELETE", `/v1/project/keys/${encodeURIComponent(keyId)}`);
}

export function organisations(signal?: AbortSignal): Promise<{ organisations: Membership[] }> {
  return send("GET", "/v1/organisations", undefined, signal);
}

export function auditLog(
  organisationId: string,
  signal?: AbortSignal,
): Promise<{ entries: AuditEntry[] }> {
  return send(
    "GET",
    `/v1/organisations/${encodeURIComponent(organisationId)}/audit?limit=500`,
    undefined,
    signal,
  );
}

/**
 * Whether the page offers a change that needs `needed`: a signed-in person's role is known, so one
 * below it sees no control it would be refused; a key's rights are the server's to judge (a key
 * with the admin scope may change things), and a refusal is shown where it happens.
 */
export function mayChange(needed: Role): boolean {
  const person = personSession();
  return person === null || roleAtLeast(person.project?.role, needed);
}

/** Whether the role is at least `needed` (viewer < editor < admin < owner). */
export function roleAtLeast(role: Role | null | undefined, needed: Role): boolean {
  const order: Role[] = ["viewer", "editor", "admin", "owner"];
  return role != null && order.indexOf(role) >= order.indexOf(needed);
}
