import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  readPatternsState,
  searchLinkFor,
  sparklinePoints,
  templateParts,
} from "../../../src/pages/patterns/patternsState";

describe("readPatternsState", () => {
  it("reads the range and the sort, count unless newest", () => {
    assert.deepEqual(readPatternsState(new URLSearchParams("range=24h&sort=newest")), {
      range: { kind: "relative", range: "24h" },
      sort: "newest",
    });
    assert.equal(readPatternsState(new URLSearchParams("sort=oldest")).sort, "count");
  });
});

describe("sparklinePoints", () => {
  it("spreads the counts over the width, the largest at the top", () => {
    assert.equal(sparklinePoints([0, 5, 10], 100, 20), "0,20 50,10 100,0");
  });

  it("draws a flat line at the bottom when nothing happened, and nothing without counts", () => {
    assert.equal(sparklinePoints([0, 0], 10, 20), "0,20 10,20");
    assert.equal(sparklinePoints([], 10, 20), "");
  });
});

describe("searchLinkFor", () => {
  it("searches the pattern over the same range", () => {
    assert.equal(
      searchLinkFor("0123456789abcdef", { kind: "relative", range: "6h" }),
      "/search?range=6h&pattern=0123456789abcdef",
    );
  });
});

describe("templateParts", () => {
  it("sets the variables apart", () => {
    assert.deepEqual(templateParts("user <*> logged in"), [
      { text: "user ", variable: false },
      { text: "<*>", variable: true },
      { text: " logged in", variable: false },
    ]);
  });
});
