import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  nextPlace,
  panelRequest,
  paramsText,
  parseParamsText,
  placed,
  substitute,
  windowRange,
} from "../../../src/pages/dashboards/panelQuery";

const RANGE = { from: "2030-01-01T00:00:00.000Z", to: "2030-01-01T01:00:00.000Z" };

describe("panelRequest", () => {
  it("asks the kind's route with the variables substituted and the dashboard's range", () => {
    assert.deepEqual(
      panelRequest(
        { kind: "series", params: { service: "$service", level: "ERROR", groupBy: "level" } },
        RANGE,
        { service: "checkout" },
      ),
      {
        path: "/v1/metrics/series",
        params: { service: "checkout", level: "ERROR", groupBy: "level", ...RANGE },
      },
    );
  });

  it("leaves out a parameter whose variable is empty, and keeps the kind's defaults", () => {
    assert.deepEqual(panelRequest({ kind: "logs", params: { service: "$service", level: "$level" } }, RANGE, {}), {
      path: "/v1/logs",
      params: { limit: "20", ...RANGE },
    });
    assert.equal(panelRequest({ kind: "number", params: {} }, RANGE, {}).path, "/v1/logs/histogram");
  });

  it("never lets a panel's own from/to win over the dashboard's", () => {
    const request = panelRequest({ kind: "top", params: { from: "1999-01-01T00:00:00Z" } }, RANGE, {});
    assert.equal(request.params.from, RANGE.from);
  });
});

describe("panelRequest of a derived metric", () => {
  const RULE = "3f0c1f8e-4b7a-4c1e-9a59-0d3c2b1a0f99";

  it("asks the rule's series, the rule in the path and not as a parameter", () => {
    assert.deepEqual(panelRequest({ kind: "derived", params: { rule: RULE } }, RANGE, {}), {
      path: `/v1/recording/rules/${RULE}/series`,
      params: { ...RANGE },
    });
  });

  it("says which path parameter is missing instead of asking a broken path", () => {
    assert.equal(panelRequest({ kind: "derived", params: {} }, RANGE, {}).missing, "rule");
    assert.equal(panelRequest({ kind: "derived", params: { rule: " " } }, RANGE, {}).missing, "rule");
  });

  it("keeps a range longer than a day to its last day, and says so", () => {
    const week = { from: "2030-01-01T00:00:00.000Z", to: "2030-01-08T00:00:00.000Z" };
    const request = panelRequest({ kind: "derived", params: { rule: RULE } }, week, {});
    assert.equal(request.params.from, "2030-01-07T00:00:00.000Z");
    assert.equal(request.params.to, week.to);
    assert.equal(request.clipped, true);
    assert.equal(panelRequest({ kind: "derived", params: { rule: RULE } }, RANGE, {}).clipped, undefined);
  });
});

describe("substitute", () => {
  it("replaces whole variable names only", () => {
    assert.equal(substitute("$service/$level/$services", { service: "a", level: "WARN" }), "a/WARN/$services");
  });
});

describe("grid placement", () => {
  it("puts a new panel below the others and keeps panels inside 12 columns", () => {
    assert.deepEqual(nextPlace([{ y: 0, h: 4 }, { y: 2, h: 5 }], 6, 4), { x: 0, y: 7, w: 6, h: 4 });
    assert.deepEqual(placed({ x: 0, y: 0, w: 6, h: 4 }, { x: 10 }), { x: 6, y: 0, w: 6, h: 4 });
    assert.deepEqual(placed({ x: 4, y: 0, w: 6, h: 4 }, { w: 40, h: 0 }), { x: 0, y: 0, w: 12, h: 1 });
  });
});

describe("panel parameters as text", () => {
  it("round-trips name=value lines and refuses a line without a name", () => {
    const params = { service: "$service", q: "a=b" };
    assert.deepEqual(parseParamsText(paramsText(params)), params);
    assert.deepEqual(parseParamsText("\n level = ERROR \n"), { level: "ERROR" });
    assert.throws(() => parseParamsText("=x"), /not name=value/);
  });
});

describe("windowRange", () => {
  it("measures a relative range back from now and keeps an absolute one", () => {
    const now = new Date("2030-01-01T06:00:00.000Z");
    assert.deepEqual(windowRange({ last: "6h" }, now), {
      from: "2030-01-01T00:00:00.000Z",
      to: "2030-01-01T06:00:00.000Z",
    });
    assert.deepEqual(windowRange(RANGE, now), RANGE);
  });
});
