// Hand-made SVG chart frame over a time axis: scales, axes, grid, a hover read-out and a
// click-drag (or click) selection of a time span. TimeBarChart and TimeLineChart draw inside it.

import { useId, useRef, useState, type ReactNode } from "react";
import { formatAxisTime } from "../format";

export const CHART_WIDTH = 1000;
const MARGIN = { top: 8, right: 12, bottom: 22, left: 52 };

export interface Scales {
  x: (ms: number) => number;
  y: (value: number) => number;
  plotTop: number;
  plotBottom: number;
}

/** The props every time chart shares. */
export interface TimeChartProps {
  /** Time domain in epoch ms. */
  from: number;
  to: number;
  label: string;
  height?: number;
  /** A click or drag selected [fromMs, toMs]. */
  onSelectRange?: (fromMs: number, toMs: number) => void;
}

/** The default format of values on the y axis and in read-outs. */
export function formatValue(value: number): string {
  return value.toLocaleString("en-US");
}

export interface ChartFrameProps extends TimeChartProps {
  yMax: number;
  formatY?: (value: number) => string;
  /** A click (no drag) at this time; defaults to nothing. */
  onClickAt?: (ms: number) => void;
  /** Text describing the data at a hovered time, shown above the chart. */
  describe?: (ms: number) => string | null;
  children: (scales: Scales) => ReactNode;
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= value) ?? 10;
  return step * magnitude;
}

export function ChartFrame(props: ChartFrameProps) {
  const { from, to, height = 160, formatY = formatValue, label } = props;
  const svgRef = useRef<SVGSVGElement>(null);
  const clipId = `plot-${useId().replace(/:/g, "")}`;
  const [drag, setDrag] = useState<{ start: number; end: number } | null>(null);
  const [hover, setHover] = useState<number | null>(null);

  const span = Math.max(1, to - from);
  const yTop = niceMax(props.yMax);
  const plotLeft = MARGIN.left;
  const plotRight = CHART_WIDTH - MARGIN.right;
  const plotTop = MARGIN.top;
  const plotBottom = height - MARGIN.bottom;
  const x = (ms: number) => plotLeft + ((ms - from) / span) * (plotRight - plotLeft);
  const y = (value: number) => plotBottom - (value / yTop) * (plotBottom - plotTop);
  const timeAt = (clientX: number) => {
    const box = svgRef.current!.getBoundingClientRect();
    const px = ((clientX - box.left) / box.width) * CHART_WIDTH;
    const clamped = Math.min(plotRight, Math.max(plotLeft, px));
    return from + ((clamped - plotLeft) / (plotRight - plotLeft)) * span;
  };

  const xTicks = Array.from({ length: 7 }, (_, i) => from + (span * i) / 6);
  const yTicks = [0, yTop / 2, yTop];

  function finishDrag(clientX: number) {
    if (!drag) return;
    const end = timeAt(clientX);
    const pixels = Math.abs(x(end) - x(drag.start));
    setDrag(null);
    if (pixels < 4) props.onClickAt?.(drag.start);
    else props.onSelectRange?.(Math.min(drag.start, end), Math.max(drag.start, end));
  }

  const description = hover !== null && props.describe ? props.describe(hover) : null;
  return (
    <figure className="chart" aria-label={label}>
      <figcaption className="chart-readout">{description ?? "\u00a0"}</figcaption>
      <svg
        ref={svgRef}
        viewBox={`0 0 ${CHART_WIDTH} ${height}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={label}
        className={props.onSelectRange ? "selectable" : undefined}
        onPointerDown={(e) => {
          if (!props.onSelectRange && !props.onClickAt) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          const t = timeAt(e.clientX);
          setDrag({ start: t, end: t });
        }}
        onPointerMove={(e) => {
          const t = timeAt(e.clientX);
          setHover(t);
          if (drag) setDrag({ ...drag, end: t });
        }}
        onPointerUp={(e) => finishDrag(e.clientX)}
        onPointerLeave={() => setHover(null)}
      >
        {yTicks.map((tick) => (
          <g key={tick} className="grid">
            <line x1={plotLeft} x2={plotRight} y1={y(tick)} y2={y(tick)} />
            <text x={plotLeft - 6} y={y(tick) + 4} textAnchor="end">
              {formatY(tick)}
            </text>
          </g>
        ))}
        {xTicks.map((tick, i) => (
          <text
            key={tick}
            className="axis"
            x={x(tick)}
            y={height - 6}
            textAnchor={i === 0 ? "start" : i === xTicks.length - 1 ? "end" : "middle"}
          >
            {formatAxisTime(tick, span)}
          </text>
        ))}
        <clipPath id={clipId}>
          <rect x={plotLeft} y={0} width={plotRight - plotLeft} height={plotBottom} />
        </clipPath>
        {/* Clipped: data of a previous range, shown while a new one loads, stays inside the plot. */}
        <g clipPath={`url(#${clipId})`}>{props.children({ x, y, plotTop, plotBottom })}</g>
        {drag && (
          <rect
            className="selection"
            x={Math.min(x(drag.start), x(drag.end))}
            width={Math.abs(x(drag.end) - x(drag.start))}
            y={plotTop}
            height={plotBottom - plotTop}
          />
        )}
      </svg>
    </figure>
  );
}
