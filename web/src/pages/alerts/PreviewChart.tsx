// The 24-hour preview of a rule: its value per minute, the threshold as a dashed line and the
// spans in which it would have fired shaded, with a list of those episodes.

import type { AlertPreview } from "../../api/types";
import { ChartFrame } from "../../components/charts/ChartFrame";
import { Empty } from "../../components/States";
import { formatTimestamp } from "../../components/format";

export function PreviewChart({ preview }: { preview: AlertPreview }) {
  if (preview.unavailable) {
    return (
      <section className="card preview" aria-label="Preview">
        <h2>Last 24 hours</h2>
        <p className="preview-summary" role="status">
          No preview: {preview.unavailable}
        </p>
      </section>
    );
  }
  const from = Date.parse(preview.from);
  const to = Date.parse(preview.to);
  const points = preview.points.map((p) => ({ x: Date.parse(p.at), y: p.value }));
  const yMax = Math.max(preview.threshold, ...points.map((p) => p.y));
  return (
    <section className="card preview" aria-label="Preview">
      <h2>Last 24 hours</h2>
      <p className="preview-summary" role="status">
        {preview.episodes.length === 0
          ? "Would not have fired."
          : `Would have fired ${preview.episodes.length} time${preview.episodes.length === 1 ? "" : "s"}${
              preview.firingAtEnd ? ", and would be firing now" : ""
            }.`}
      </p>
      <ChartFrame
        from={from}
        to={to}
        yMax={yMax}
        label="The rule's value per minute over the last 24 hours"
        describe={(ms) => {
          const nearest = points.reduce<{ x: number; y: number } | null>(
            (best, p) => (!best || Math.abs(p.x - ms) < Math.abs(best.x - ms) ? p : best),
            null,
          );
          return nearest
            ? `${new Date(nearest.x).toISOString().slice(0, 16)}Z  value ${nearest.y.toLocaleString("en-US")}`
            : null;
        }}
      >
        {({ x, y, plotTop, plotBottom }) => (
          <>
            {preview.episodes.map((e) => {
              const start = x(Date.parse(e.firedAt));
              const end = x(e.resolvedAt ? Date.parse(e.resolvedAt) : to);
              return (
                <rect
                  key={e.firedAt}
                  className="firing-span"
                  x={start}
                  y={plotTop}
                  width={Math.max(1, end - start)}
                  height={plotBottom - plotTop}
                />
              );
            })}
            <line
              className="threshold"
              x1={x(from)}
              x2={x(to)}
              y1={y(preview.threshold)}
              y2={y(preview.threshold)}
            />
            <path
              className="value-line"
              fill="none"
              d={points
                .map((p, i) => `${i === 0 ? "M" : "L"}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`)
                .join("")}
            />
          </>
        )}
      </ChartFrame>
      {preview.episodes.length === 0 ? (
        <Empty>No firing in the last 24 hours with these settings.</Empty>
      ) : (
        <table className="episodes" aria-label="Would have fired">
          <thead>
            <tr>
              <th>Pending from</th>
              <th>Firing from</th>
              <th>Resolved</th>
              <th>Peak</th>
            </tr>
          </thead>
          <tbody>
            {preview.episodes.map((e) => (
              <tr key={e.firedAt} className="episode">
                <td>{formatTimestamp(e.pendingAt)}</td>
                <td>{formatTimestamp(e.firedAt)}</td>
                <td>{e.resolvedAt ? formatTimestamp(e.resolvedAt) : "still firing"}</td>
                <td>{e.peak.toLocaleString("en-US")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
