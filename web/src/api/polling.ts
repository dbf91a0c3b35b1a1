// Polling that stops while the tab is hidden (document.visibilityState) and resumes, with a fresh
// request, as soon as it is visible again: a background tab costs the query service nothing.

import { useEffect, useState } from "react";

/** What a poller needs from the browser; tests pass their own. */
export interface PollingEnvironment {
  isVisible(): boolean;
  /** Calls `listener` on every visibility change; returns how to stop. */
  onVisibilityChange(listener: () => void): () => void;
  setTimer(run: () => void, ms: number): number;
  clearTimer(handle: number): void;
}

export const browserEnvironment: PollingEnvironment = {
  isVisible: () => document.visibilityState !== "hidden",
  onVisibilityChange(listener) {
    document.addEventListener("visibilitychange", listener);
    return () => document.removeEventListener("visibilitychange", listener);
  },
  setTimer: (run, ms) => window.setTimeout(run, ms),
  clearTimer: (handle) => window.clearTimeout(handle),
};

/**
 * Runs `tick` now (if visible) and then `intervalMs` after each tick ends, while the tab is
 * visible. Hidden: no new tick starts. Visible again: a tick starts at once. Returns `stop`.
 */
export function startPolling(
  tick: () => Promise<unknown>,
  intervalMs: number,
  env: PollingEnvironment = browserEnvironment,
): () => void {
  let timer: number | null = null;
  let running = false;
  let stopped = false;

  const run = () => {
    timer = null;
    if (stopped || running || !env.isVisible()) return;
    running = true;
    tick()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (!stopped && env.isVisible()) timer = env.setTimer(run, intervalMs);
      });
  };
  const stopTimer = () => {
    if (timer !== null) env.clearTimer(timer);
    timer = null;
  };
  const unsubscribe = env.onVisibilityChange(() => {
    if (env.isVisible()) {
      if (timer === null && !running) run();
    } else {
      stopTimer();
    }
  });
  run();
  return () => {
    stopped = true;
    stopTimer();
    unsubscribe();
  };
}

/**
 * Whether the tab is visible, as React state; it turns false only once the tab has been hidden for
 * `graceMs` (a quick look at another tab changes nothing), and true as soon as it is visible.
 */
export function useTabVisible(
  graceMs = 0,
  env: PollingEnvironment = browserEnvironment,
): boolean {
  const [visible, setVisible] = useState(env.isVisible());
  useEffect(() => {
    let timer: number | null = null;
    const update = () => {
      if (timer !== null) env.clearTimer(timer);
      timer = null;
      if (env.isVisible()) setVisible(true);
      else timer = env.setTimer(() => setVisible(false), graceMs);
    };
    const unsubscribe = env.onVisibilityChange(update);
    return () => {
      unsubscribe();
      if (timer !== null) env.clearTimer(timer);
    };
  }, [env, graceMs]);
  return visible;
}
