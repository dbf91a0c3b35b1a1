// A pattern's events over the range as a small line (SVG), with its counts as the accessible label.

import { sparklinePoints } from "./patternsState";

const WIDTH = 160;
const HEIGHT = 28;

export function Sparkline({ counts }: { counts: number[] }) {
  return (
    <svg
      className="sparkline"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`events over time: ${counts.join(", ")}`}
    >
      <polyline points={sparklinePoints(counts, WIDTH, HEIGHT - 2)} fill="none" strokeWidth="1.5" />
    </svg>
  );
}
