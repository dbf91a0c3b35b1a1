import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  absoluteRange,
  DEFAULT_RANGE,
  isRelativeRange,
  readTimeRange,
  relativeRangeMs,
  resolveTimeRange,
  timeRangeParams,
  type TimeRange,
} from "../../src/url/timeRange";

describe("relative ranges", () => {
  it("measures each relative range in milliseconds", () => {
    assert.equal(relativeRangeMs("15m"), 15 * 60_000);
    assert.equal(relativeRangeMs("1h"), 3_600_000);
    assert.equal(relativeRangeMs("6h"), 6 * 3_600_000);
    assert.equal(relativeRangeMs("24h"), 86_400_000);
    assert.equal(relativeRangeMs("7d"), 7 * 86_400_000);
  });

  it("knows only the offered ranges", () => {
    assert.equal(isRelativeRange("1h"), true);
    assert.equal(isRelativeRange("2h"), false);
    assert.equal(isRelativeRange(""), false);
    assert.equal(isRelativeRange(null), false);
  });
});

describe("readTimeRange", () => {
  it("reads an absolute range when both instants parse", () => {
    const params = new URLSearchParams(
      "from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z&range=15m",
    );
    assert.deepEqual(readTimeRange(params), {
      kind: "absolute",
      from: "2026-01-01T00:00:00Z",
      to: "2026-01-02T00:00:00Z",
    });
  });

  it("reads a relative range when from/to are missing or unreadable", () => {
    assert.deepEqual(readTimeRange(new URLSearchParams("range=24h")), {
      kind: "relative",
      range: "24h",
    });
    assert.deepEqual(readTimeRange(new URLSearchParams("from=yesterday&to=now&range=7d")), {
      kind: "relative",
      range: "7d",
    });
    assert.deepEqual(readTimeRange(new URLSearchParams("from=2026-01-01T00:00:00Z&range=15m")), {
      kind: "relative",
      range: "15m",
    });
  });

  it("falls back to the default, or the given fallback, for anything else", () => {
    assert.deepEqual(readTimeRange(new URLSearchParams("range=3h")), DEFAULT_RANGE);
    const fallback: TimeRange = { kind: "relative", range: "6h" };
    assert.deepEqual(readTimeRange(new URLSearchParams(""), fallback), fallback);
  });
});

describe("timeRangeParams", () => {
  it("clears from/to for a relative range", () => {
    assert.deepEqual(timeRangeParams({ kind: "relative", range: "1h" }), {
      range: "1h",
      from: null,
      to: null,
    });
  });

  it("clears range for an absolute range", () => {
    assert.deepEqual(timeRangeParams({ kind: "absolute", from: "a", to: "b" }), {
      range: null,
      from: "a",
      to: "b",
    });
  });

  it("round-trips through the URL", () => {
    const range: TimeRange = {
      kind: "absolute",
      from: "2026-03-01T10:00:00.000Z",
      to: "2026-03-01T11:00:00.000Z",
    };
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(timeRangeParams(range))) {
      if (value !== null) params.set(name, value);
    }
    assert.deepEqual(readTimeRange(params), range);
  });
});

describe("resolveTimeRange", () => {
  it("measures a relative range back from now", () => {
    const now = new Date("2026-05-10T12:00:00.000Z");
    assert.deepEqual(resolveTimeRange({ kind: "relative", range: "15m" }, now), {
      from: "2026-05-10T11:45:00.000Z",
      to: "2026-05-10T12:00:00.000Z",
    });
  });

  it("keeps an absolute range as it is", () => {
    assert.deepEqual(resolveTimeRange({ kind: "absolute", from: "x", to: "y" }), {
      from: "x",
      to: "y",
    });
  });
});

describe("absoluteRange", () => {
  it("orders the two instants", () => {
    const early = Date.parse("2026-01-01T00:00:00.000Z");
    const late = Date.parse("2026-01-01T00:05:00.000Z");
    const expected = {
      kind: "absolute",
      from: "2026-01-01T00:00:00.000Z",
      to: "2026-01-01T00:05:00.000Z",
    };
    assert.deepEqual(absoluteRange(early, late), expected);
    assert.deepEqual(absoluteRange(late, early), expected);
  });
});
