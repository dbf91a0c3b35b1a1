// The query key lives in sessionStorage only: never in the URL, gone when the tab closes.

const KEY_STORAGE = "devlogs.queryKey";
const SIGN_OUT_REASON = "devlogs.signOutReason";
const listeners = new Set<() => void>();

export function queryKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function signIn(key: string): void {
  sessionStorage.setItem(KEY_STORAGE, key);
  listeners.forEach((listener) => listener());
}

/** Forgets the key; `reason` is shown on the sign-in page (e.g. why a request was refused). */
export function signOut(reason?: string): void {
  sessionStorage.removeItem(KEY_STORAGE);
  if (reason) {
    sessionStorage.setItem(SIGN_OUT_REASON, reason);
  } else {
    sessionStorage.removeItem(SIGN_OUT_REASON);
  }
  listeners.forEach((listener) => listener());
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
