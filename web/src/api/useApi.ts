// Loads data from the API when its inputs change; the previous request is aborted.

import { useEffect, useState } from "react";
import { ApiError } from "./client";

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
 * Runs `load` whenever `key` changes (a string naming the inputs, e.g. the URL's query string).
 * `load` must use the signal so superseded requests are cancelled.
 */
export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, key: string): Loadable<T> {
  const [state, setState] = useState<Loadable<T>>({ status: "loading" });
  useEffect(() => {
    const controller = new AbortController();
    setState((current) => ({ status: "loading", previous: lastData(current) }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: "ready", data });
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setState({ status: "error", error: asApiError(e) });
      },
    );
    return () => controller.abort();
    // `key` names everything `load` depends on.
  }, [key]);
  return state;
}
