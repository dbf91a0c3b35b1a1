import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { metricLines, seriesName } from "../../../src/pages/search/metricLines";

describe("metricLines", () => {
  it("names series by their labels and breaks lines where evaluations had no events", () => {
    const lines = metricLines({
      query: "q",
      start: "2024-05-01T10:00:00Z",
      end: "2024-05-01T10:10:00Z",
      step: 60,
      series: [
        {
          labels: { service: "web" },
          points: [{ time: "2024-05-01T10:00:00Z", value: 1 }],
        },
        {
          labels: { service: "api", level: "error" },
          points: [
            { time: "2024-05-01T10:00:00Z", value: 2 },
            { time: "2024-05-01T10:01:00Z", value: 3 },
            { time: "2024-05-01T10:04:00Z", value: 4 },
          ],
        },
      ],
    });
    assert.deepEqual(
      lines.map((l) => l.name),
      ['{service="api", level="error"}', '{service="web"}'],
    );
    const t = (iso: string) => Date.parse(iso);
    assert.deepEqual(lines[0].points, [
      { x: t("2024-05-01T10:00:00Z"), y: 2 },
      { x: t("2024-05-01T10:01:00Z"), y: 3 },
      { x: t("2024-05-01T10:02:00Z"), y: null },
      { x: t("2024-05-01T10:04:00Z"), y: 4 },
    ]);
  });

  it("writes a series without labels as {}", () => {
    assert.equal(seriesName({}), "{}");
  });
});
