import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  choiceOfColumns,
  columnParams,
  readColumns,
  shownColumns,
  toggledColumn,
} from "../../../src/pages/search/columns";
import { draftOfSearchUrl, searchUrlOf } from "../../../src/pages/searches/savedSearchUrl";

describe("the results' columns", () => {
  it("reads hidden own columns and attribute columns from the URL, ignoring the rest", () => {
    const choice = readColumns(new URLSearchParams("hide=stream,message,level&cols=http.status,user,user"));
    assert.deepEqual(choice, { hidden: ["level", "stream"], attributes: ["http.status", "user"] });
    assert.deepEqual(columnParams(choice), { cols: "http.status,user", hide: "level,stream" });
    assert.deepEqual(columnParams({ hidden: [], attributes: [] }), { cols: null, hide: null });
  });

  it("lists the columns shown in table order and reads them back", () => {
    const choice = { hidden: ["service" as const], attributes: ["http.status"] };
    const shown = shownColumns(choice);
    assert.deepEqual(shown, ["timestamp", "level", "stream", "http.status", "message"]);
    assert.deepEqual(choiceOfColumns(shown), choice);
  });

  it("treats what saved searches kept before the picker as the whole table", () => {
    assert.deepEqual(choiceOfColumns(["timestamp", "level", "service", "message"]), {
      hidden: [],
      attributes: [],
    });
    assert.deepEqual(choiceOfColumns([]), { hidden: [], attributes: [] });
  });

  it("toggles an own column or an attribute", () => {
    const none = { hidden: [], attributes: [] };
    assert.deepEqual(toggledColumn(none, "stream"), { hidden: ["stream"], attributes: [] });
    assert.deepEqual(toggledColumn(toggledColumn(none, "user"), "user"), none);
  });

  it("a saved search keeps the chosen columns and restores them in the URL", () => {
    const params = new URLSearchParams("q=timeout&range=1h&cols=http.status&hide=service");
    const draft = draftOfSearchUrl(params, "timeouts", false);
    assert.deepEqual(draft.columns, ["timestamp", "level", "stream", "http.status", "message"]);
    const url = new URL(
      searchUrlOf({ query: draft.query ?? {}, range: draft.range, columns: draft.columns ?? [] }),
      "http://x",
    );
    assert.equal(url.searchParams.get("cols"), "http.status");
    assert.equal(url.searchParams.get("hide"), "service");
    assert.equal(url.searchParams.get("q"), "timeout");
  });
});
