// Loading, empty and error states shared by every page.

import type { ReactNode } from "react";
import type { ApiError } from "../api/client";

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
