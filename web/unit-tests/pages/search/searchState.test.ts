import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readSearchState, searchFilters, toggled } from "../../../src/pages/search/searchState";

describe("readSearchState", () => {
  it("reads every filter from the URL", () => {
    const params = new URLSearchParams(
      "q=timeout&range=24h&level=warn,ERROR&service=api&service=web&stream=s1&attr.region=eu&pattern=0123456789abcdef&cols=user,duration_ms&hide=stream",
    );
    assert.deepEqual(readSearchState(params), {
      q: "timeout",
      range: { kind: "relative", range: "24h" },
      levels: ["WARN", "ERROR"],
      services: ["api", "web"],
      stream: "s1",
      attributes: { region: "eu" },
      pattern: "0123456789abcdef",
      columns: ["user", "duration_ms"],
      hidden: ["stream"],
    });
  });

  it("drops levels the API does not know", () => {
    const params = new URLSearchParams("level=INFO,VERBOSE&level=fatal");
    assert.deepEqual(readSearchState(params).levels, ["INFO", "FATAL"]);
  });

  it("has empty filters and the default range on an empty URL", () => {
    assert.deepEqual(readSearchState(new URLSearchParams("")), {
      q: "",
      range: { kind: "relative", range: "1h" },
      levels: [],
      services: [],
      stream: "",
      attributes: {},
      pattern: "",
      columns: [],
      hidden: [],
    });
  });
});

describe("searchFilters", () => {
  it("sends the resolved range and leaves out blank text and stream", () => {
    const state = readSearchState(new URLSearchParams("q=%20%20&level=ERROR&attr.k=v"));
    assert.deepEqual(searchFilters(state, { from: "f", to: "t" }), {
      from: "f",
      to: "t",
      q: undefined,
      levels: ["ERROR"],
      services: [],
      stream: undefined,
      attributes: { k: "v" },
      pattern: undefined,
    });
  });

  it("trims the text", () => {
    const state = readSearchState(new URLSearchParams("q=%20refused%20&stream=s"));
    const filters = searchFilters(state, { from: "f", to: "t" });
    assert.equal(filters.q, "refused");
    assert.equal(filters.stream, "s");
  });
});

describe("toggled", () => {
  it("adds a missing value at the end and removes a present one", () => {
    assert.deepEqual(toggled(["WARN"], "ERROR"), ["WARN", "ERROR"]);
    assert.deepEqual(toggled(["WARN", "ERROR"], "WARN"), ["ERROR"]);
  });
});
