// Polling stops while the tab is hidden and resumes at once when it is visible again.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { startPolling, type PollingEnvironment } from "../../src/api/polling";

/** A tab whose visibility and timers the test drives. */
class FakeTab implements PollingEnvironment {
  visible = true;
  private listeners: (() => void)[] = [];
  timers = new Map<number, () => void>();
  private next = 1;
  isVisible() {
    return this.visible;
  }
  onVisibilityChange(listener: () => void) {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  }
  setTimer(run: () => void, _ms: number) {
    const handle = this.next++;
    this.timers.set(handle, run);
    return handle;
  }
  clearTimer(handle: number) {
    this.timers.delete(handle);
  }
  setVisible(visible: boolean) {
    this.visible = visible;
    this.listeners.forEach((l) => l());
  }
  fireTimers() {
    const due = [...this.timers.values()];
    this.timers.clear();
    due.forEach((run) => run());
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("startPolling", () => {
  it("ticks at once, then after each interval while visible", async () => {
    const tab = new FakeTab();
    let ticks = 0;
    const stop = startPolling(async () => void ticks++, 10_000, tab);
    assert.equal(ticks, 1);
    await settle();
    tab.fireTimers();
    await settle();
    assert.equal(ticks, 2);
    stop();
    assert.equal(tab.timers.size, 0);
  });

  it("starts nothing while hidden and ticks at once when visible again", async () => {
    const tab = new FakeTab();
    let ticks = 0;
    const stop = startPolling(async () => void ticks++, 10_000, tab);
    await settle();
    tab.setVisible(false);
    assert.equal(tab.timers.size, 0, "the pending tick is cancelled");
    tab.fireTimers();
    await settle();
    assert.equal(ticks, 1);
    tab.setVisible(true);
    assert.equal(ticks, 2);
    stop();
  });

  it("does not schedule after a tick that ended while hidden", async () => {
    const tab = new FakeTab();
    let finish!: () => void;
    const stop = startPolling(() => new Promise<void>((resolve) => (finish = resolve)), 5_000, tab);
    tab.setVisible(false);
    finish();
    await settle();
    assert.equal(tab.timers.size, 0);
    stop();
  });

  it("keeps polling after a failed tick", async () => {
    const tab = new FakeTab();
    let ticks = 0;
    const stop = startPolling(
      async () => {
        ticks++;
        throw new Error("unreachable");
      },
      5_000,
      tab,
    );
    await settle();
    tab.fireTimers();
    await settle();
    assert.equal(ticks, 2);
    stop();
  });
});
