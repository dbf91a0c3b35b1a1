// Waiting that a caller can abort, and the error an aborted request rejects with (as fetch's).

export function abortError(): DOMException {
  return new DOMException("The request was aborted.", "AbortError");
}

/** Resolves after `ms`, or rejects with an AbortError when `signal` aborts first. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", aborted);
      resolve();
    }, ms);
    if (signal?.aborted) aborted();
    else signal?.addEventListener("abort", aborted, { once: true });
  });
}
