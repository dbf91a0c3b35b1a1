// Pages of events behind a cursor: the first page loads when `key` changes, "load more" appends
// the next one. Shared by the search results, the stream view and the dead letters (whose items
// are dead letters, not events).

import { useEffect, useRef, useState } from "react";
import type { ApiError } from "./client";
import type { LogEvent } from "./types";
import { asApiError } from "./useApi";

export interface EventPage<T = LogEvent> {
  events: T[];
  nextCursor?: string | null;
}

export interface PagedEvents<T = LogEvent> {
  events: T[];
  nextCursor: string | null;
  loading: boolean;
  error: ApiError | null;
}

const FIRST_LOAD: PagedEvents<never> = {
  events: [],
  nextCursor: null,
  loading: true,
  error: null,
};

/**
 * `fetchPage` must use the signal; `key` names everything it sends. Pages of a superseded key are
 * dropped, so no page of an old search lands in the new one.
 */
export function usePagedEvents<T = LogEvent>(
  fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<EventPage<T>>,
  key: string,
): PagedEvents<T> & { loadMore: () => void; retry: () => void } {
  const [pages, setPages] = useState<PagedEvents<T>>(FIRST_LOAD);
  const requests = useRef(new AbortController());

  useEffect(() => {
    const controller = new AbortController();
    requests.current = controller;
    setPages(FIRST_LOAD);
    load(controller.signal, null, []);
    return () => controller.abort();
  }, [key]); // key names everything fetchPage sends

  function load(signal: AbortSignal, cursor: string | null, before: T[]) {
    fetchPage(cursor, signal).then(
      (page) => {
        if (signal.aborted) return;
        setPages({
          events: [...before, ...page.events],
          nextCursor: page.nextCursor ?? null,
          loading: false,
          error: null,
        });
      },
      (e: unknown) => {
        if (signal.aborted) return;
        setPages({ events: before, nextCursor: cursor, loading: false, error: asApiError(e) });
      },
    );
  }

  return {
    ...pages,
    loadMore() {
      setPages({ ...pages, loading: true, error: null });
      load(requests.current.signal, pages.nextCursor, pages.events);
    },
    retry() {
      setPages(FIRST_LOAD);
      load(requests.current.signal, null, []);
    },
  };
}
