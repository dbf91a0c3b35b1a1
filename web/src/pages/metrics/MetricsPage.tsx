// Metrics (/metrics): events, errors, error rate and latency over time per service or level (from
// the minute windows, GET /v1/metrics/series), the top services (GET /v1/metrics/top) and a derived
// metric of a recording rule (DerivedMetricPanel). All state is in the URL (see metricsState.ts).

import { useMemo, useState } from "react";
import { metricsSeries, topServices } from "../../api/client";
import {
  GRANULARITIES,
  type Granularity,
  type MetricsSeries,
  type MetricsSeriesResponse,
} from "../../api/types";
import { useApi } from "../../api/useApi";
import { TimeRangePicker } from "../../components/TimeRangePicker";
import { TimeLineChart } from "../../components/charts/TimeLineChart";
import { formatPercent } from "../../components/format";
import {
  absoluteRange,
  resolveTimeRange,
  timeRangeParams,
  type TimeRange,
} from "../../url/timeRange";
import { useUrlState } from "../../url/useUrlState";
import { ChartPanel } from "./ChartPanel";
import { DerivedMetricPanel } from "./DerivedMetricPanel";
import { readMetricsState } from "./metricsState";
import {
  MAX_LINES,
  busiest,
  domainOf,
  errorRate,
  hasLatency,
  linesOf,
  percentileLines,
} from "./seriesLines";
import { TopServicesTable, formatMs } from "./TopServicesTable";
import "./metrics.css";

const CHART_HEIGHT = 120;

export function MetricsPage() {
  const { params, update } = useUrlState();
  const state = readMetricsState(params);
  const urlKey = params.toString();
  const [refreshes, setRefreshes] = useState(0);
  const resolved = useMemo(
    () => resolveTimeRange(state.range),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [urlKey, refreshes],
  );
  const services = state.service ? [state.service] : [];
  const seriesQuery = {
    ...resolved,
    granularity: state.granularity ?? undefined,
    groupBy: state.groupBy,
    services,
  };
  const series = useApi(
    (signal) => metricsSeries(seriesQuery, signal),
    JSON.stringify(seriesQuery),
  );
  // Percentiles do not add up across series, so latency is always drawn per service.
  const latencyQuery = { ...seriesQuery, groupBy: "service" as const };
  const latencySeries = useApi(
    (signal) =>
      state.groupBy === "service"
        ? Promise.resolve(null)
        : metricsSeries(latencyQuery, signal),
    JSON.stringify(latencyQuery) + state.groupBy,
  );
  const latency = state.groupBy === "service" ? series : latencySeries;
  const top = useApi(
    (signal) => topServices({ ...resolved, by: state.topBy, limit: 10 }, signal),
    JSON.stringify(resolved) + state.topBy,
  );

  const zoom = (fromMs: number, toMs: number) =>
    update(timeRangeParams(absoluteRange(fromMs, toMs)));
  const noEvents = (data: MetricsSeriesResponse | null) =>
    !data || data.series.every((s) => s.points.every((p) => p.events === 0));
  const groupName = state.groupBy === "service" ? "service" : "level";
  const seriesCharts: SeriesChartSpec[] = [
    { key: "events", title: `Events per ${groupName}`, value: (p) => p.events },
    { key: "errors", title: `Errors per ${groupName}`, value: (p) => p.errors },
    { key: "error-rate", title: "Error rate", value: errorRate, formatY: formatPercent },
  ];

  return (
    <section className="page metrics-page">
      <div className="toolbar">
        <TimeRangePicker
          value={state.range}
          resolved={resolved}
          onChange={(range) => update(timeRangeParams(range))}
        />
        <div className="actions">
          <label className="select-label">
            granularity
            <select
              aria-label="Granularity"
              value={state.granularity ?? "auto"}
              onChange={(e) =>
                update({ granularity: e.target.value === "auto" ? null : e.target.value })
              }
            >
              <option value="auto">auto</option>
              {GRANULARITIES.map((g: Granularity) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </select>
          </label>
          <label className="select-label">
            group by
            <select
              aria-label="Group by"
              value={state.groupBy}
              onChange={(e) => update({ groupBy: e.target.value === "service" ? null : "level" })}
            >
              <option value="service">service</option>
              <option value="level">level</option>
            </select>
          </label>
          <button type="button" onClick={() => setRefreshes((n) => n + 1)}>
            Refresh
          </button>
        </div>
      </div>
      <div className="metrics-scope">
        {state.service ? (
          <span className="filter-chip">
            <span className="mono">service = {state.service}</span>
            <button
              type="button"
              className="link"
              aria-label={`Remove filter service = ${state.service}`}
              onClick={() => update({ service: null })}
            >
              ×
            </button>
          </span>
        ) : (
          <span className="muted">All services · click a service in the table to narrow the charts</span>
        )}
        {series.status === "ready" && (
          <span className="muted">
            · {series.data.granularity} points · drag across a chart to zoom
          </span>
        )}
      </div>
      <div className="metrics-layout">
        <div className="metrics-charts">
          {seriesCharts.map((chart) => (
            <ChartPanel
              key={chart.key}
              title={chart.title}
              state={series}
              isEmpty={noEvents}
              emptyText="No events in this time range."
            >
              {(data) => (
                <SeriesChart
                  data={data}
                  range={resolved}
                  label={chart.title}
                  value={chart.value}
                  formatY={chart.formatY}
                  onZoom={zoom}
                />
              )}
            </ChartPanel>
          ))}
          <ChartPanel
            title={state.service ? `Latency of ${state.service}` : "Latency p95 per service"}
            state={latency}
            isEmpty={(data) => !data || !hasLatency(data.series)}
            emptyText="No latency data (events carry it as duration_ms, latency_ms, … attributes)."
          >
            {(data) => (
              <TimeLineChart
                series={latencyLines(data!.series, state.service)}
                {...domainOf(data!.series, resolved)}
                height={CHART_HEIGHT}
                label="Latency"
                formatY={formatMs}
                onSelectRange={zoom}
              />
            )}
          </ChartPanel>
          <DerivedMetricPanel range={resolved} height={CHART_HEIGHT} onZoom={zoom} />
        </div>
        <TopServicesTable
          state={top}
          by={state.topBy}
          selected={state.service}
          onBy={(by) => update({ by: by === "errors" ? null : by })}
          onSelect={(service) => update({ service })}
          errorsSearch={(service) => errorsSearch(service, state.range)}
        />
      </div>
    </section>
  );
}

/** A chart of one value of every series. */
interface SeriesChartSpec {
  key: string;
  title: string;
  value: Parameters<typeof linesOf>[1];
  formatY?: (v: number) => string;
}

function SeriesChart({
  data,
  range,
  label,
  value,
  formatY,
  onZoom,
}: {
  data: MetricsSeriesResponse | null;
  range: { from: string; to: string };
  label: string;
  value: Parameters<typeof linesOf>[1];
  formatY?: (v: number) => string;
  onZoom: (fromMs: number, toMs: number) => void;
}) {
  const series = data?.series ?? [];
  const shown = busiest(series);
  return (
    <>
      <TimeLineChart
        series={linesOf(shown, value)}
        {...domainOf(series, range)}
        height={CHART_HEIGHT}
        label={label}
        formatY={formatY}
        onSelectRange={onZoom}
      />
      {series.length > shown.length && (
        <div className="muted small">
          The {MAX_LINES} busiest of {series.length} series are drawn.
        </div>
      )}
    </>
  );
}

/** p50/p95/p99 of the chosen service, else p95 of the busiest services. */
function latencyLines(series: MetricsSeries[], service: string | null) {
  const chosen = service ? series.find((s) => s.key === service) : undefined;
  return chosen ? percentileLines(chosen) : linesOf(busiest(series), (p) => p.p95);
}

/** The Search page with a service's ERROR and FATAL events over the same range. */
function errorsSearch(service: string, range: TimeRange): string {
  const params = new URLSearchParams({ service, level: "ERROR,FATAL" });
  for (const [name, value] of Object.entries(timeRangeParams(range))) {
    if (value) params.set(name, value);
  }
  return `/search?${params}`;
}
