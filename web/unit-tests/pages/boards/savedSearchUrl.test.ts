import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  describeWindow,
  draftOfSearchUrl,
  searchUrlOf,
} from "../../../src/pages/searches/savedSearchUrl";
import { safePage } from "../../../src/pages/open/safePage";

describe("saved searches and the Search page's URL", () => {
  it("keeps the filters (q as typed, LogQL included) and the relative range", () => {
    const params = new URLSearchParams();
    params.set("q", '{service="api"} |= "timeout"');
    params.append("level", "ERROR");
    params.append("level", "WARN");
    params.set("attr.region", "eu");
    params.set("range", "24h");
    params.set("unrelated", "x");
    const draft = draftOfSearchUrl(params, "timeouts", true);
    assert.deepEqual(draft.query, {
      q: ['{service="api"} |= "timeout"'],
      level: ["ERROR", "WARN"],
      "attr.region": ["eu"],
    });
    assert.deepEqual(draft.range, { last: "24h" });
    assert.equal(draft.shared, true);
    const url = new URL(searchUrlOf({ query: draft.query ?? {}, range: draft.range, columns: [] }), "http://x");
    assert.equal(url.pathname, "/search");
    assert.equal(url.searchParams.get("q"), '{service="api"} |= "timeout"');
    assert.deepEqual(url.searchParams.getAll("level"), ["ERROR", "WARN"]);
    assert.equal(url.searchParams.get("range"), "24h");
  });

  it("keeps an absolute range as from and to", () => {
    const params = new URLSearchParams("from=2030-01-01T00:00:00Z&to=2030-01-02T00:00:00Z&range=1h");
    const draft = draftOfSearchUrl(params, "day", false);
    assert.deepEqual(draft.range, { from: "2030-01-01T00:00:00Z", to: "2030-01-02T00:00:00Z" });
    assert.equal(describeWindow(draft.range), "2030-01-01T00:00:00Z to 2030-01-02T00:00:00Z");
    assert.match(searchUrlOf({ query: {}, range: draft.range, columns: [] }), /from=2030/);
  });
});

describe("safePage", () => {
  it("opens only pages of this dashboard", () => {
    assert.equal(safePage("/dashboards/1"), "/dashboards/1");
    assert.equal(safePage("//evil.example/x"), "/");
    assert.equal(safePage("https://evil.example"), "/");
    assert.equal(safePage("/\\evil.example"), "/");
    assert.equal(safePage(null), "/");
  });
});
