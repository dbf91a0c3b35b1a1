// A list of the chosen project's things that its page changes (create, delete, revoke): loaded
// again after each change, a failed change kept as `problem` for the page to show (ActionError).

import { useState } from "react";
import type { ApiError } from "./client";
import { personSession } from "../auth/session";
import { asApiError, type Loadable, useApi } from "./useApi";

/**
 * `key` names other inputs of `load` (a filter, say); the list is loaded again when it, the
 * session's project or a change does. `everyMs` reloads it as `useApi` does.
 */
export function useProjectList<T>(
  load: (signal: AbortSignal) => Promise<T>,
  key = "",
  everyMs?: number,
): {
  list: Loadable<T>;
  problem: ApiError | null;
  change: (action: () => Promise<unknown>) => Promise<void>;
} {
  const [changes, setChanges] = useState(0);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const list = useApi(load, `${personSession()?.project?.projectId} ${changes} ${key}`, everyMs);

  async function change(action: () => Promise<unknown>) {
    setProblem(null);
    try {
      await action();
      setChanges((n) => n + 1);
    } catch (e) {
      setProblem(asApiError(e));
    }
  }

  return { list, problem, change };
}
