// One in-flight request per key: callers share it, and it is aborted only when all of them abort.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inFlightCount, shared } from "../../src/api/sharedRequests";

/** A request that the test settles by hand, and whether its signal was aborted. */
function deferred() {
  let resolve!: (value: string) => void;
  const state = { starts: 0, aborted: false };
  const start = (signal: AbortSignal) => {
    state.starts += 1;
    signal.addEventListener("abort", () => (state.aborted = true));
    return new Promise<string>((r) => (resolve = r));
  };
  return { start, state, resolve: (value: string) => resolve(value) };
}

describe("shared requests", () => {
  it("sends one request for callers of the same key and gives each the answer", async () => {
    const request = deferred();
    const first = shared("k1", request.start);
    const second = shared("k1", request.start);
    assert.equal(request.state.starts, 1);
    request.resolve("answer");
    assert.deepEqual(await Promise.all([first, second]), ["answer", "answer"]);
    assert.equal(inFlightCount(), 0);
  });

  it("sends again once the previous answer arrived", async () => {
    const request = deferred();
    const first = shared("k2", request.start);
    request.resolve("one");
    await first;
    const second = shared("k2", request.start);
    assert.equal(request.state.starts, 2);
    request.resolve("two");
    assert.equal(await second, "two");
  });

  it("keeps the request while another caller still waits, and aborts it when the last leaves", async () => {
    const request = deferred();
    const a = new AbortController();
    const b = new AbortController();
    const first = shared("k3", request.start, a.signal);
    const second = shared("k3", request.start, b.signal);
    a.abort();
    await assert.rejects(first, { name: "AbortError" });
    assert.equal(request.state.aborted, false);
    b.abort();
    await assert.rejects(second, { name: "AbortError" });
    assert.equal(request.state.aborted, true);
    assert.equal(inFlightCount(), 0);
  });

  it("shares nothing between keys", () => {
    const request = deferred();
    void shared("k4", request.start);
    void shared("k5", request.start);
    assert.equal(request.state.starts, 2);
  });
});
