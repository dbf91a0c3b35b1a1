// A recording rule's series (GET /v1/recording/rules/{id}/series) as chart lines; pure.

import type { RecordedSeries } from "../../api/types";
import type { LineSeries } from "../../components/charts/TimeLineChart";
import { MAX_LINES } from "./seriesLines";

type Group = RecordedSeries["series"][number];

/** A group's name: its fields as `region=eu, level=error`; "all" without group-by. */
export function groupName(group: Group): string {
  if (group.other) return "other groups";
  const fields = Object.entries(group.group ?? {});
  return fields.length === 0 ? "all" : fields.map(([k, v]) => `${k}=${v || "∅"}`).join(", ");
}

/**
 * One line per group, the busiest first (the API orders them so), at most MAX_LINES; the group of
 * the events past the rule's max_groups always shows when it has events.
 */
export function recordedLines(data: RecordedSeries): LineSeries[] {
  const other = data.series.find((g) => g.other);
  const named = data.series.filter((g) => !g.other);
  const groups = other ? [...named.slice(0, MAX_LINES - 1), other] : named.slice(0, MAX_LINES);
  return groups.map((g) => ({
    name: groupName(g),
    points: g.points.map((p) => ({ x: Date.parse(p.t), y: p.value ?? null })),
  }));
}

/** The chart's title: `p99 of duration_ms per minute`, `count per minute`. */
export function recordedTitle(data: Pick<RecordedSeries, "aggregation" | "field" | "name">): string {
  const what = data.field ? `${data.aggregation} of ${data.field}` : data.aggregation;
  return `${data.name}: ${what} per minute`;
}
