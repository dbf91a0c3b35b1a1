// One dashboard panel: asks its route (panelQuery.ts) and draws the answer by kind, with the
// loading, empty and error states of the other pages. `tick` changes on refresh. A derived panel
// charts a recording rule's minutes grouped as the Metrics page does.

import { Link } from "react-router-dom";
import { getRoute } from "../../api/client";
import type {
  Histogram,
  LogPage,
  MetricsSeriesResponse,
  Panel,
  PatternsResponse,
  RecordedSeries,
  TopServices,
} from "../../api/types";
import { useApi } from "../../api/useApi";
import { TimeLineChart } from "../../components/charts/TimeLineChart";
import { LevelBadge } from "../../components/LevelBadge";
import { Empty, ErrorState, Loading } from "../../components/States";
import { formatCount, formatPercent } from "../../components/format";
import { recordedLines, recordedTitle } from "../metrics/recordedLines";
import { panelRequest, type Variables } from "./panelQuery";

export function PanelView({
  panel,
  range,
  variables,
  tick,
}: {
  panel: Panel;
  range: { from: string; to: string };
  variables: Variables;
  tick: number;
}) {
  const request = panelRequest(panel, range, variables);
  const state = useApi(
    (signal) =>
      request.missing ? Promise.resolve(null) : getRoute<unknown>(request.path, request.params, signal),
    `${JSON.stringify(request)} ${tick}`,
  );
  const data = state.status === "ready" ? state.data : state.status === "loading" ? state.previous : undefined;
  const shown = request.clipped ? { from: request.params.from, to: request.params.to } : range;
  if (request.missing) {
    return (
      <div className="panel-body">
        <Empty>This panel names no {request.missing === "rule" ? "derived metric" : request.missing}: edit it.</Empty>
      </div>
    );
  }
  return (
    <div className="panel-body">
      {state.status === "loading" && data === undefined && <Loading what="Loading" />}
      {state.status === "error" &&
        (panel.kind === "derived" && state.error.status === 404 ? (
          <div className="state state-error" role="alert">
            The derived metric this panel charts is gone: it was deleted, or it belongs to another project.
            Edit the panel to pick one of <Link to="/derived-metrics">this project's derived metrics</Link>.
          </div>
        ) : (
          <ErrorState error={state.error} />
        ))}
      {data !== undefined && state.status !== "error" && (
        <PanelContent panel={panel} data={data} range={shown} />
      )}
      {request.clipped && <div className="muted small">The last 24 hours of the range: a derived metric reads a day at most.</div>}
    </div>
  );
}

function PanelContent({
  panel,
  data,
  range,
}: {
  panel: Panel;
  data: unknown;
  range: { from: string; to: string };
}) {
  switch (panel.kind) {
    case "series": {
      const series = (data as MetricsSeriesResponse).series;
      if (series.length === 0) return <Empty>No events in this range.</Empty>;
      return (
        <TimeLineChart
          label={panel.title ?? "Events"}
          from={Date.parse(range.from)}
          to={Date.parse(range.to)}
          height={Math.max(120, panel.h * 64 - 60)}
          series={series.map((s) => ({
            name: s.key,
            points: s.points.map((p) => ({ x: Date.parse(p.start), y: p.events })),
          }))}
        />
      );
    }
    case "top": {
      const services = (data as TopServices).services;
      if (services.length === 0) return <Empty>No services in this range.</Empty>;
      return (
        <table className="panel-table">
          <thead>
            <tr>
              <th>Service</th>
              <th>Events</th>
              <th>Errors</th>
              <th>Error rate</th>
            </tr>
          </thead>
          <tbody>
            {services.map((s) => (
              <tr key={s.service}>
                <td>{s.service}</td>
                <td>{formatCount(s.events)}</td>
                <td>{formatCount(s.errors)}</td>
                <td>{formatPercent(s.errorRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    case "number": {
      const total = (data as Histogram).buckets.reduce((sum, b) => sum + b.count, 0);
      return (
        <div className="panel-number" data-testid="panel-number">
          {formatCount(total)}
        </div>
      );
    }
    case "logs": {
      const events = (data as LogPage).events;
      if (events.length === 0) return <Empty>No events in this range.</Empty>;
      return (
        <table className="panel-table">
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td className="mono">{new Date(e.timestamp).toLocaleTimeString()}</td>
                <td>
                  <LevelBadge level={e.level} />
                </td>
                <td>{e.service}</td>
                <td>
                  <Link to={`/events/${encodeURIComponent(e.id)}?at=${encodeURIComponent(e.timestamp)}`}>
                    {e.message}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    case "derived": {
      const recorded = data as RecordedSeries;
      if (recorded.series.length === 0) return <Empty>No matching events in this range.</Empty>;
      return (
        <>
          <div className="muted small">{recordedTitle(recorded)}</div>
          <TimeLineChart
            label={panel.title ?? recordedTitle(recorded)}
            from={Date.parse(range.from)}
            to={Date.parse(range.to)}
            height={Math.max(120, panel.h * 64 - 80)}
            series={recordedLines(recorded)}
          />
        </>
      );
    }
    case "patterns": {
      const patterns = (data as PatternsResponse).patterns;
      if (patterns.length === 0) return <Empty>No patterns in this range.</Empty>;
      return (
        <table className="panel-table">
          <tbody>
            {patterns.map((p) => (
              <tr key={p.id}>
                <td>{formatCount(p.count)}</td>
                <td className="mono">{p.template}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
  }
}
