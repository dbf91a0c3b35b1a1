// One in-flight request per URL, shared by every component that asks for it: pages whose panels
// (or polling banners) ask the same thing at the same moment send it once. The request is aborted
// only when every caller sharing it has aborted; a caller that aborts alone gets its AbortError.

import { abortError } from "./abort";

interface InFlight {
  promise: Promise<unknown>;
  controller: AbortController;
  callers: number;
}

const inFlight = new Map<string, InFlight>();

/**
 * Runs `start(signal)` for `key` unless a request for `key` is in flight, in which case its result
 * is shared. `signal` aborts this caller's share.
 */
export function shared<T>(
  key: string,
  start: (signal: AbortSignal) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  if (signal?.aborted) return Promise.reject(abortError());
  let entry = inFlight.get(key);
  if (!entry) {
    const controller = new AbortController();
    const created: InFlight = { controller, callers: 0, promise: Promise.resolve() };
    created.promise = start(controller.signal).finally(() => {
      if (inFlight.get(key) === created) inFlight.delete(key);
    });
    inFlight.set(key, created);
    entry = created;
  }
  const joined = entry;
  joined.callers += 1;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const leave = () => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
    };
    const onAbort = () => {
      if (settled) return;
      leave();
      reject(abortError());
      joined.callers -= 1;
      if (joined.callers === 0) {
        if (inFlight.get(key) === joined) inFlight.delete(key);
        joined.controller.abort();
      }
    };
    signal?.addEventListener("abort", onAbort);
    (joined.promise as Promise<T>).then(
      (value) => {
        if (settled) return;
        leave();
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return;
        leave();
        reject(error);
      },
    );
  });
}

/** How many requests are in flight (for tests). */
export function inFlightCount(): number {
  return inFlight.size;
}
