// Lines over time, one per series; null values leave gaps. Drag to select a span.

import { ChartFrame, formatValue, type TimeChartProps } from "./ChartFrame";

export interface LinePoint {
  /** Epoch ms. */
  x: number;
  y: number | null;
}

export interface LineSeries {
  name: string;
  points: LinePoint[];
}

/** Colours of series in order (the palette cycles). */
export const SERIES_COLOURS = [
  "#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777",
];

function pathOf(points: LinePoint[], x: (ms: number) => number, y: (v: number) => number): string {
  let path = "";
  let drawing = false;
  for (const point of points) {
    if (point.y === null) {
      drawing = false;
      continue;
    }
    path += `${drawing ? "L" : "M"}${x(point.x).toFixed(1)},${y(point.y).toFixed(1)}`;
    drawing = true;
  }
  return path;
}

export function TimeLineChart({
  series,
  formatY,
  ...axis
}: TimeChartProps & {
  series: LineSeries[];
  formatY?: (value: number) => string;
}) {
  const values = series.flatMap((s) => s.points.map((p) => p.y ?? 0));
  const yMax = Math.max(0, ...values);
  const show = formatY ?? formatValue;
  return (
    <div>
      <ChartFrame
        {...axis}
        yMax={yMax}
        formatY={formatY}
        describe={(ms) => {
          const parts = series.map((s) => {
            const nearest = s.points.reduce<LinePoint | null>(
              (best, p) => (!best || Math.abs(p.x - ms) < Math.abs(best.x - ms) ? p : best),
              null,
            );
            return `${s.name} ${nearest?.y === null || !nearest ? "–" : show(nearest.y)}`;
          });
          return `${new Date(ms).toISOString().slice(0, 16)}Z  ${parts.join(" · ")}`;
        }}
      >
        {({ x, y }) =>
          series.map((s, i) => (
            <path
              key={s.name}
              d={pathOf(s.points, x, y)}
              fill="none"
              stroke={SERIES_COLOURS[i % SERIES_COLOURS.length]}
              strokeWidth={1.5}
              vectorEffect="non-scaling-stroke"
            />
          ))
        }
      </ChartFrame>
      <ul className="chart-legend">
        {series.map((s, i) => (
          <li key={s.name}>
            <span
              className="swatch"
              style={{ background: SERIES_COLOURS[i % SERIES_COLOURS.length] }}
            />
            {s.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
