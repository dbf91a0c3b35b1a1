import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { LogEvent } from "../../../src/api/types";
import {
  clear,
  EMPTY_BUFFER,
  MAX_PENDING,
  MAX_SHOWN,
  newWhilePaused,
  pause,
  receive,
  resume,
} from "../../../src/pages/tail/tailBuffer";

function events(count: number, from = 0): LogEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `e${from + i}`,
    timestamp: "2026-01-01T00:00:00.000000000Z",
    level: "INFO",
    service: "api",
    stream: "s",
    message: `m${from + i}`,
    attributes: {},
  }));
}

const ids = (list: LogEvent[]) => list.map((e) => e.id);

describe("tail buffer", () => {
  it("shows events as they arrive, oldest first", () => {
    const buffer = receive(receive(EMPTY_BUFFER, events(2)), events(1, 2));
    assert.deepEqual(ids(buffer.shown), ["e0", "e1", "e2"]);
    assert.equal(buffer.received, 3);
  });

  it("lets the oldest shown events go beyond MAX_SHOWN", () => {
    const buffer = receive(EMPTY_BUFFER, events(MAX_SHOWN + 5));
    assert.equal(buffer.shown.length, MAX_SHOWN);
    assert.equal(buffer.shown[0].id, "e5");
    assert.equal(buffer.received, MAX_SHOWN + 5);
  });

  it("returns the same buffer for no events", () => {
    assert.equal(receive(EMPTY_BUFFER, []), EMPTY_BUFFER);
  });

  it("holds events while paused and shows them on resume", () => {
    let buffer = pause(receive(EMPTY_BUFFER, events(1)));
    buffer = receive(buffer, events(2, 1));
    assert.deepEqual(ids(buffer.shown), ["e0"]);
    assert.deepEqual(ids(buffer.pending), ["e1", "e2"]);
    assert.equal(newWhilePaused(buffer), 2);
    buffer = resume(buffer);
    assert.deepEqual(ids(buffer.shown), ["e0", "e1", "e2"]);
    assert.deepEqual(buffer.pending, []);
    assert.equal(buffer.paused, false);
    assert.equal(newWhilePaused(buffer), 0);
  });

  it("keeps only the newest MAX_PENDING while paused and counts the rest", () => {
    const buffer = receive(pause(EMPTY_BUFFER), events(MAX_PENDING + 3));
    assert.equal(buffer.pending.length, MAX_PENDING);
    assert.equal(buffer.pending[0].id, "e3");
    assert.equal(buffer.overflowed, 3);
    assert.equal(newWhilePaused(buffer), MAX_PENDING + 3);
    assert.equal(resume(buffer).overflowed, 0);
  });

  it("clears everything but keeps a paused tail paused", () => {
    const buffer = clear(receive(pause(receive(EMPTY_BUFFER, events(2))), events(1, 2)));
    assert.deepEqual(buffer, { ...EMPTY_BUFFER, paused: true });
  });
});
