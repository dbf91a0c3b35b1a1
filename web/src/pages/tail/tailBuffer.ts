// The live tail's event list as pure functions: a bounded list of shown events (oldest first, so it
// reads like a log file) and, while paused, a bounded buffer of what arrived since.

import type { LogEvent } from "../../api/types";

/** The most events the page keeps on screen; older ones are let go so the tab never grows without limit. */
export const MAX_SHOWN = 2_000;
/** The most events kept while paused (the newest ones); resuming shows at most MAX_SHOWN anyway. */
export const MAX_PENDING = MAX_SHOWN;

export interface TailBuffer {
  shown: LogEvent[];
  paused: boolean;
  /** Events received while paused, oldest first, at most MAX_PENDING. */
  pending: LogEvent[];
  /** Events received while paused that no longer fit in `pending`. */
  overflowed: number;
  /** Events received since the page opened or was cleared. */
  received: number;
}

export const EMPTY_BUFFER: TailBuffer = {
  shown: [],
  paused: false,
  pending: [],
  overflowed: 0,
  received: 0,
};

function keepLast<T>(values: T[], max: number): T[] {
  return values.length > max ? values.slice(values.length - max) : values;
}

export function receive(buffer: TailBuffer, events: LogEvent[]): TailBuffer {
  if (events.length === 0) return buffer;
  const received = buffer.received + events.length;
  if (!buffer.paused) {
    return { ...buffer, received, shown: keepLast([...buffer.shown, ...events], MAX_SHOWN) };
  }
  const pending = [...buffer.pending, ...events];
  const over = Math.max(0, pending.length - MAX_PENDING);
  return {
    ...buffer,
    received,
    pending: over > 0 ? pending.slice(over) : pending,
    overflowed: buffer.overflowed + over,
  };
}

export function pause(buffer: TailBuffer): TailBuffer {
  return { ...buffer, paused: true };
}

export function resume(buffer: TailBuffer): TailBuffer {
  return {
    ...buffer,
    paused: false,
    shown: keepLast([...buffer.shown, ...buffer.pending], MAX_SHOWN),
    pending: [],
    overflowed: 0,
  };
}

/** Empties the list; a paused tail stays paused. */
export function clear(buffer: TailBuffer): TailBuffer {
  return { ...EMPTY_BUFFER, paused: buffer.paused };
}

/** How many events arrived while paused (shown as "N new events"). */
export function newWhilePaused(buffer: TailBuffer): number {
  return buffer.pending.length + buffer.overflowed;
}
