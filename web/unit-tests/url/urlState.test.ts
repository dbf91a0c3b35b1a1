import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { applyChanges, attributeParam, readAttributes, readList } from "../../src/url/useUrlState";

describe("applyChanges", () => {
  it("sets, replaces and removes parameters and leaves the others alone", () => {
    const before = new URLSearchParams("q=timeout&level=WARN&range=1h");
    const after = applyChanges(before, { q: "refused", level: null, stream: "api" });
    assert.equal(after.toString(), "range=1h&q=refused&stream=api");
    assert.equal(before.toString(), "q=timeout&level=WARN&range=1h", "the input is not changed");
  });

  it("writes a list as a repeated parameter and drops empty values", () => {
    const after = applyChanges(new URLSearchParams("level=INFO"), {
      level: ["WARN", "", "ERROR"],
      q: "",
    });
    assert.deepEqual(after.getAll("level"), ["WARN", "ERROR"]);
    assert.equal(after.has("q"), false);
  });

  it("removes a parameter set to an empty list", () => {
    assert.equal(applyChanges(new URLSearchParams("service=a&service=b"), { service: [] }).toString(), "");
  });
});

describe("attributes", () => {
  it("reads the attr.<key> parameters, keys with dots included", () => {
    const params = new URLSearchParams("attr.http.status=500&q=x&attr.region=eu");
    assert.deepEqual(readAttributes(params), { "http.status": "500", region: "eu" });
  });

  it("names the parameter of an attribute", () => {
    assert.equal(attributeParam("http.status"), "attr.http.status");
  });
});

describe("readList", () => {
  it("reads repeated and comma-separated values, trimmed, without empties", () => {
    const params = new URLSearchParams("level=WARN&level=ERROR, FATAL,&level=");
    assert.deepEqual(readList(params, "level"), ["WARN", "ERROR", "FATAL"]);
  });

  it("is empty without the parameter", () => {
    assert.deepEqual(readList(new URLSearchParams("q=x"), "level"), []);
  });
});
