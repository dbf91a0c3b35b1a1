import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readMetricsState } from "../../../src/pages/metrics/metricsState";

describe("readMetricsState", () => {
  it("reads every choice from the URL", () => {
    const params = new URLSearchParams("range=7d&granularity=hour&groupBy=level&service=api&by=errorRate");
    assert.deepEqual(readMetricsState(params), {
      range: { kind: "relative", range: "7d" },
      granularity: "hour",
      groupBy: "level",
      service: "api",
      topBy: "errorRate",
    });
  });

  it("uses the page's defaults for missing or unknown values", () => {
    const params = new URLSearchParams("granularity=week&groupBy=stream&by=latency&service=");
    assert.deepEqual(readMetricsState(params), {
      range: { kind: "relative", range: "6h" },
      granularity: null,
      groupBy: "service",
      service: null,
      topBy: "errors",
    });
  });
});
