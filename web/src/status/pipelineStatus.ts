// The project's status (GET /v1/status), polled once for the whole app: the banner of every page and
// the live tail's badge read the same answer. Polling runs while someone listens and the tab is
// visible.

import { useSyncExternalStore } from "react";
import { projectStatus } from "../api/client";
import { startPolling } from "../api/polling";
import type { ProjectStatus } from "../api/types";

/** How often the status is asked for; the server measures the pipeline at most every 5 s. */
export const STATUS_EVERY_MS = 10_000;

/** The latest answer, or null before the first (or when the route failed: no banner then). */
let latest: ProjectStatus | null = null;
const listeners = new Set<() => void>();
let stopPolling: (() => void) | null = null;

async function refresh(): Promise<void> {
  try {
    latest = await projectStatus();
  } catch {
    // An unreachable query service shows on every panel already; an older one has no such route.
    latest = null;
  }
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) stopPolling = startPolling(refresh, STATUS_EVERY_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      stopPolling?.();
      stopPolling = null;
      latest = null;
    }
  };
}

/** The project's status, null until known. */
export function usePipelineStatus(): ProjectStatus | null {
  return useSyncExternalStore(subscribe, () => latest);
}
