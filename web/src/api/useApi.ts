// Loads data from the API when its inputs change; the previous request is aborted.

import { useEffect, useState } from "react";
import { ApiError } from "./client";
import { startPolling } from "./polling";

export type Loadable<T> =
  /** `previous` is the last data loaded, so a panel can keep showing it while it reloads. */
  | { status: "loading"; previous?: T }
  | { status: "error"; error: ApiError }
  | { status: "ready"; data: T };

function lastData<T>(state: Loadable<T>): T | undefined {
  if (state.status === "ready") return state.data;
  return state.status === "loading" ? state.previous : undefined;
}

export function asApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError(0, "client_error", e instanceof Error ? e.message : String(e));
}

/**
 * Runs `load` whenever `key` changes (a string naming the inputs, e.g. the URL's query string),
 * and with `everyMs`, again that long after each answer while the tab is visible (not at all while
 * it is hidden; at once when it is visible again). `load` must use the signal so superseded
 * requests are cancelled.
 */
export function useApi<T>(
  load: (signal: AbortSignal) => Promise<T>,
  key: string,
  everyMs: number | null = null,
): Loadable<T> {
  const [state, setState] = useState<Loadable<T>>({ status: "loading" });
  useEffect(() => {
    const controller = new AbortController();
    const once = () => {
      setState((current) => ({ status: "loading", previous: lastData(current) }));
      return load(controller.signal).then(
        (data) => {
          if (!controller.signal.aborted) setState({ status: "ready", data });
        },
        (e: unknown) => {
          if (!controller.signal.aborted) setState({ status: "error", error: asApiError(e) });
        },
      );
    };
    const stopPolling = everyMs === null ? (once(), () => {}) : startPolling(once, everyMs);
    return () => {
      stopPolling();
      controller.abort();
    };
    // `key` names everything `load` depends on.
  }, [key, everyMs]);
  return state;
}
