import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  formatAxisTime,
  formatAge,
  formatCount,
  formatPercent,
  formatTimestamp,
} from "../../src/components/format";

describe("formatTimestamp", () => {
  it("shows UTC with milliseconds by default", () => {
    assert.equal(formatTimestamp("2026-11-21T05:40:01.123456789Z"), "2026-11-21 05:40:01.123");
  });

  it("pads a short fraction and adds one where there is none", () => {
    assert.equal(formatTimestamp("2026-11-21T05:40:01.5Z"), "2026-11-21 05:40:01.500");
    assert.equal(formatTimestamp("2026-11-21T05:40:01Z"), "2026-11-21 05:40:01.000");
  });

  it("shows as many fraction digits as asked, or none", () => {
    assert.equal(formatTimestamp("2026-11-21T05:40:01.123456789Z", 9), "2026-11-21 05:40:01.123456789");
    assert.equal(formatTimestamp("2026-11-21T05:40:01.123456789Z", 0), "2026-11-21 05:40:01");
  });
});

describe("formatCount", () => {
  it("groups thousands", () => {
    assert.equal(formatCount(0), "0");
    assert.equal(formatCount(1234567), "1,234,567");
  });
});

describe("formatPercent", () => {
  it("shows one decimal", () => {
    assert.equal(formatPercent(0), "0.0%");
    assert.equal(formatPercent(0.25), "25.0%");
    assert.equal(formatPercent(1), "100.0%");
  });

  it("shows two decimals below one percent, so small rates are not shown as zero", () => {
    assert.equal(formatPercent(0.0012), "0.12%");
    assert.equal(formatPercent(0.01), "1.0%");
  });
});

describe("formatAxisTime", () => {
  const ms = Date.parse("2026-03-04T05:06:07.000Z");

  it("shows seconds on a span of two minutes or less", () => {
    assert.equal(formatAxisTime(ms, 120_000), "05:06:07");
  });

  it("shows minutes on a span of two days or less", () => {
    assert.equal(formatAxisTime(ms, 120_001), "05:06");
    assert.equal(formatAxisTime(ms, 2 * 86_400_000), "05:06");
  });

  it("shows the date on longer spans", () => {
    assert.equal(formatAxisTime(ms, 2 * 86_400_000 + 1), "03-04 05:06");
  });
});

describe("formatAge", () => {
  it("reads like people say it", () => {
    assert.equal(formatAge(0), "0 s");
    assert.equal(formatAge(59.9), "59 s");
    assert.equal(formatAge(185), "3 min 5 s");
    assert.equal(formatAge(3_600), "1 h");
    assert.equal(formatAge(7_800), "2 h 10 min");
    assert.equal(formatAge(3 * 86_400 + 4 * 3_600), "3 d 4 h");
    assert.equal(formatAge(-5), "0 s");
  });
});
