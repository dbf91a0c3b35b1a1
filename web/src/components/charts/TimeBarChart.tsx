// Stacked bars over time (e.g. events and errors per bucket). Click a bar or drag to select a span.

import { ChartFrame, type TimeChartProps } from "./ChartFrame";

export interface Bar {
  /** Bucket start and end, epoch ms. */
  start: number;
  end: number;
  /** One value per stack layer, bottom first. */
  values: number[];
}

export interface BarLayer {
  name: string;
  /** CSS class giving the layer its colour (see .chart-layer-* in styles.css). */
  className: string;
}

export function TimeBarChart({
  bars,
  layers,
  ...axis
}: TimeChartProps & {
  bars: Bar[];
  layers: BarLayer[];
}) {
  const yMax = Math.max(0, ...bars.map((bar) => bar.values.reduce((a, b) => a + b, 0)));
  const barAt = (ms: number) => bars.find((bar) => bar.start <= ms && ms < bar.end);
  return (
    <ChartFrame
      {...axis}
      yMax={yMax}
      onClickAt={(ms) => {
        const bar = barAt(ms);
        if (bar && axis.onSelectRange) axis.onSelectRange(bar.start, bar.end);
      }}
      describe={(ms) => {
        const bar = barAt(ms);
        if (!bar) return null;
        const parts = layers.map((layer, i) => `${layer.name} ${bar.values[i] ?? 0}`);
        return `${new Date(bar.start).toISOString().slice(0, 19)}Z  ${parts.join(" · ")}`;
      }}
    >
      {({ x, y, plotBottom }) =>
        bars.map((bar) => {
          const left = x(bar.start);
          const width = Math.max(1, x(bar.end) - left - 1);
          let base = 0;
          return (
            <g key={bar.start} className="bar">
              {bar.values.map((value, i) => {
                const top = y(base + value);
                const bottom = base === 0 ? plotBottom : y(base);
                base += value;
                return value > 0 ? (
                  <rect
                    key={layers[i]?.name ?? i}
                    className={layers[i]?.className}
                    x={left}
                    width={width}
                    y={top}
                    height={Math.max(0, bottom - top)}
                  />
                ) : null;
              })}
            </g>
          );
        })
      }
    </ChartFrame>
  );
}
