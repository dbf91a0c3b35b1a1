// Loading, empty and error states shared by every page.

import type { ReactNode } from "react";
import type { ApiError } from "../api/client";
import type { Loadable } from "../api/useApi";

export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {what}…
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <div className="state state-empty" role="status">
      {children}
    </div>
  );
}

const HINTS: Record<string, string> = {
  backend_unavailable: "A backend of the query service is down; retry in a moment.",
  query_too_large: "Narrow the time range or add filters.",
  network_error: "Check that the query service is running.",
};

/** Whether trying again may help: the service was unreachable or failed, not the request. */
export function isTransient(error: ApiError): boolean {
  return error.status === 0 || error.status >= 500;
}

/** A request the API refused as malformed (400): every panel of a page would get the same answer. */
export function isBadRequest(error: ApiError): boolean {
  return error.status === 400;
}

export function ErrorState({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const hint = HINTS[error.code];
  return (
    <div className="state state-error" role="alert">
      <strong>{error.code}</strong>: {error.detail}
      {hint && <div className="hint">{hint}</div>}
      {onRetry && isTransient(error) && (
        <button type="button" className="link" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

/** A change the person asked for that was refused or failed (the list itself may be fine). */
export function ActionError({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <div className="state state-error action-error" role="alert">
      <strong>{error.code}</strong>: {error.detail}
    </div>
  );
}

/**
 * A list's states: loading (until a first answer), its error, empty, or the list itself; while
 * it reloads, the last answer stays.
 */
export function ListStates<T>({
  list,
  loading,
  isEmpty,
  empty,
  children,
}: {
  list: Loadable<T>;
  /** What is being loaded, e.g. "Loading keys". */
  loading: string;
  isEmpty: (data: T) => boolean;
  empty: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (list.status === "error") return <ErrorState error={list.error} />;
  const data = list.status === "ready" ? list.data : list.previous;
  if (data === undefined) return <Loading what={loading} />;
  if (isEmpty(data)) return <Empty>{empty}</Empty>;
  return <>{children(data)}</>;
}
