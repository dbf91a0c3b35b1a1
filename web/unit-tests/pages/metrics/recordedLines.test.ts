import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RecordedSeries } from "../../../src/api/types";
import { groupName, recordedLines, recordedTitle } from "../../../src/pages/metrics/recordedLines";
import { MAX_LINES } from "../../../src/pages/metrics/seriesLines";

type Group = RecordedSeries["series"][number];

function group(fields: Record<string, string>, other = false, values: (number | null)[] = [1]): Group {
  return {
    group: fields,
    other,
    events: values.length,
    points: values.map((value, i) => ({
      t: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      value,
      events: 1,
    })),
  };
}

function data(series: Group[]): RecordedSeries {
  return {
    rule: "r",
    name: "checkout latency",
    aggregation: "p99",
    field: "duration_ms",
    from: "2026-01-01T00:00:00Z",
    to: "2026-01-01T01:00:00Z",
    series,
  };
}

describe("recordedLines", () => {
  it("names a group by its fields, all without group-by, and the other group", () => {
    assert.equal(groupName(group({ region: "eu", level: "error" })), "region=eu, level=error");
    assert.equal(groupName(group({ region: "" })), "region=∅");
    assert.equal(groupName(group({})), "all");
    assert.equal(groupName(group({}, true)), "other groups");
  });

  it("draws one line per group with a gap where no event carried the field", () => {
    const lines = recordedLines(data([group({ region: "eu" }, false, [12.5, null, 3])]));
    assert.equal(lines.length, 1);
    assert.deepEqual(
      lines[0].points.map((p) => p.y),
      [12.5, null, 3],
    );
    assert.equal(lines[0].points[1].x, Date.UTC(2026, 0, 1, 0, 1));
  });

  it("keeps the busiest groups and always the other group", () => {
    const many = Array.from({ length: MAX_LINES + 3 }, (_, i) => group({ user: `u${i}` }));
    const lines = recordedLines(data([...many, group({}, true)]));
    assert.equal(lines.length, MAX_LINES);
    assert.equal(lines[0].name, "user=u0");
    assert.equal(lines[MAX_LINES - 1].name, "other groups");
    assert.equal(recordedLines(data(many)).length, MAX_LINES);
  });

  it("titles the chart with the aggregation and its field", () => {
    assert.equal(recordedTitle(data([])), "checkout latency: p99 of duration_ms per minute");
    assert.equal(
      recordedTitle({ name: "declines", aggregation: "count", field: null }),
      "declines: count per minute",
    );
  });
});
