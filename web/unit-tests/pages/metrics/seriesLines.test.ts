import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { MetricsPoint, MetricsSeries } from "../../../src/api/types";
import {
  busiest,
  domainOf,
  errorRate,
  hasLatency,
  linesOf,
  MAX_LINES,
  percentileLines,
  totalEvents,
} from "../../../src/pages/metrics/seriesLines";

function point(start: string, events: number, p50: number | null = null): MetricsPoint {
  return { start, events, errors: 0, errorRate: 0, p50, p95: p50, p99: p50 };
}

function series(key: string, ...events: number[]): MetricsSeries {
  return {
    key,
    points: events.map((n, i) => point(new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), n)),
  };
}

describe("series lines", () => {
  it("totals a series' events", () => {
    assert.equal(totalEvents(series("a", 1, 2, 3)), 6);
  });

  it("keeps the busiest series, at most MAX_LINES", () => {
    const many = Array.from({ length: MAX_LINES + 2 }, (_, i) => series(`s${i}`, i));
    const kept = busiest(many);
    assert.equal(kept.length, MAX_LINES);
    assert.equal(kept[0].key, `s${MAX_LINES + 1}`);
    assert.equal(kept.some((s) => s.key === "s0" || s.key === "s1"), false);
  });

  it("draws one line per series with x as epoch milliseconds", () => {
    const lines = linesOf([series("a", 5, 7)], (p) => p.events);
    assert.deepEqual(lines, [
      {
        name: "a",
        points: [
          { x: Date.UTC(2026, 0, 1, 0, 0), y: 5 },
          { x: Date.UTC(2026, 0, 1, 0, 1), y: 7 },
        ],
      },
    ]);
  });

  it("has no error rate where there were no events", () => {
    assert.equal(errorRate({ ...point("2026-01-01T00:00:00Z", 0), errorRate: 0 }), null);
    assert.equal(errorRate({ ...point("2026-01-01T00:00:00Z", 4), errorRate: 0.25 }), 0.25);
  });

  it("draws p50, p95 and p99 and knows when there is any latency", () => {
    const withLatency: MetricsSeries = { key: "a", points: [point("2026-01-01T00:00:00Z", 1, 12)] };
    assert.deepEqual(
      percentileLines(withLatency).map((line) => line.name),
      ["p50", "p95", "p99"],
    );
    assert.equal(percentileLines(withLatency)[2].points[0].y, 12);
    assert.equal(hasLatency([withLatency]), true);
    assert.equal(hasLatency([series("b", 1)]), false);
  });

  it("widens the domain to the first period's start", () => {
    const domain = domainOf([series("a", 1)], {
      from: "2026-01-01T00:00:30Z",
      to: "2026-01-01T01:00:00Z",
    });
    assert.deepEqual(domain, {
      from: Date.UTC(2026, 0, 1, 0, 0),
      to: Date.UTC(2026, 0, 1, 1, 0),
    });
  });
});
