// Who is signed in: a query key (sessionStorage only: never in the URL, gone when the tab closes)
// or a person, whose session lives in an HttpOnly cookie the page cannot read; the page keeps what
// GET /v1/auth/session said about it (the person, the CSRF token, the chosen project) in memory.

import type { PersonSession } from "../api/types";

const KEY_STORAGE = "devlogs.queryKey";
const SIGN_OUT_REASON = "devlogs.signOutReason";
const listeners = new Set<() => void>();
let person: PersonSession | null = null;

function notify(): void {
  listeners.forEach((listener) => listener());
}

export function queryKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function signIn(key: string): void {
  sessionStorage.setItem(KEY_STORAGE, key);
  notify();
}

/** The signed-in person's session, or null (signed in with a key, or not at all). */
export function personSession(): PersonSession | null {
  return person;
}

/** Keeps the session the API answered (after sign-in, accepting an invitation, or a page load). */
export function setPersonSession(session: PersonSession | null): void {
  person = session;
  notify();
}

/** Whether a key or a person is signed in. */
export function isSignedIn(): boolean {
  return queryKey() !== null || person !== null;
}

/**
 * Forgets the key and the person (the caller ends the server's session first); `reason` is shown
 * on the sign-in page (e.g. why a request was refused).
 */
export function signOut(reason?: string): void {
  sessionStorage.removeItem(KEY_STORAGE);
  person = null;
  if (reason) {
    sessionStorage.setItem(SIGN_OUT_REASON, reason);
  } else {
    sessionStorage.removeItem(SIGN_OUT_REASON);
  }
  notify();
}

/** The reason of the last forced sign-out, if any. */
export function signOutReason(): string | null {
  return sessionStorage.getItem(SIGN_OUT_REASON);
}

export function clearSignOutReason(): void {
  sessionStorage.removeItem(SIGN_OUT_REASON);
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
