// Derived metrics on the Metrics page: pick one of the project's recording rules (the `derived`
// URL parameter, else the first rule) and see its value per minute and group over the page's range;
// the rules themselves are made on the Derived metrics page (/derived-metrics).

import { Link } from "react-router-dom";
import { recordedSeries, recordingRules } from "../../api/client";
import type { RecordedSeries } from "../../api/types";
import { useApi } from "../../api/useApi";
import { Empty, ErrorState, Loading } from "../../components/States";
import { TimeLineChart } from "../../components/charts/TimeLineChart";
import { useUrlState } from "../../url/useUrlState";
import { ChartPanel } from "./ChartPanel";
import { recordedLines, recordedTitle } from "./recordedLines";

export function DerivedMetricPanel({
  range,
  height,
  onZoom,
}: {
  range: { from: string; to: string };
  height: number;
  onZoom: (fromMs: number, toMs: number) => void;
}) {
  const { params, update } = useUrlState();
  const rules = useApi((signal) => recordingRules(signal), "recording-rules");
  const list = rules.status === "ready" ? rules.data.rules : [];
  const chosen = list.find((r) => r.id === params.get("derived")) ?? list[0];
  const series = useApi(
    (signal) =>
      chosen ? recordedSeries(chosen.id, range, signal) : Promise.resolve<RecordedSeries | null>(null),
    (chosen?.id ?? "") + JSON.stringify(range),
  );

  if (rules.status === "loading") return <Loading what="Loading derived metrics" />;
  if (rules.status === "error") return <ErrorState error={rules.error} />;
  if (!chosen) {
    return (
      <section className="metrics-panel" aria-label="Derived metrics">
        <h2>Derived metrics</h2>
        <Empty>
          No derived metrics yet: <Link to="/derived-metrics/new">create a recording rule</Link> to turn
          matching events into a metric per minute.
        </Empty>
      </section>
    );
  }
  return (
    <div className="derived-metric">
      <label className="select-label">
        derived metric
        <select
          aria-label="Derived metric"
          value={chosen.id}
          onChange={(e) => update({ derived: e.target.value })}
        >
          {list.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <Link className="small" to="/derived-metrics">
        Manage derived metrics
      </Link>
      <ChartPanel
        title={`Derived: ${chosen.name}`}
        state={series}
        isEmpty={(data) => !data || data.series.length === 0}
        emptyText="No matching events in this time range."
      >
        {(data) => (
          <>
            <div className="muted small">{recordedTitle(data!)}</div>
            <TimeLineChart
              series={recordedLines(data!)}
              from={Date.parse(data!.from)}
              to={Date.parse(data!.to)}
              height={height}
              label={recordedTitle(data!)}
              onSelectRange={onZoom}
            />
          </>
        )}
      </ChartPanel>
    </div>
  );
}
