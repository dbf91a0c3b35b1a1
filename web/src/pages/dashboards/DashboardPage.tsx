// A dashboard (/dashboards/:id): its panels on a 12-column grid, each fed by a query route; the
// time range, the variables ($service, $level) and auto-refresh apply to every panel. Editors
// edit it in place (panels' kind, title, place and parameters; add, remove) and save; everyone
// exports it as JSON and shares a link to it.

import { useEffect, useMemo, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { deleteDashboard, exportDashboard, getDashboard, updateDashboard } from "../../api/boards";
import type { DashboardDocument, Panel, PanelKind } from "../../api/types";
import { asApiError, useApi } from "../../api/useApi";
import { Empty, ErrorState, Loading } from "../../components/States";
import { RELATIVE_RANGES } from "../../url/timeRange";
import { DerivedRulePicker } from "../derived/DerivedRulePicker";
import { ShareButton } from "../share/ShareDialog";
import { PanelView } from "./PanelView";
import {
  gridPlacement,
  nextPlace,
  PANEL_KINDS,
  paramsText,
  parseParamsText,
  placed,
  windowRange,
} from "./panelQuery";
import "./dashboards.css";

const REFRESHES = [0, 10, 30, 60, 300, 900];

export function DashboardPage() {
  const { id = "" } = useParams();
  const [loads, setLoads] = useState(0);
  const loaded = useApi((signal) => getDashboard(id, signal), `${id} ${loads}`);
  if (loaded.status === "loading") return <Loading what="Loading the dashboard" />;
  if (loaded.status === "error")
    return loaded.error.status === 404 ? (
      <Empty>No dashboard {id} in this project.</Empty>
    ) : (
      <ErrorState error={loaded.error} onRetry={() => setLoads((n) => n + 1)} />
    );
  return (
    <DashboardView
      key={`${loaded.data.id} ${loaded.data.updatedAt}`}
      id={loaded.data.id}
      saved={loaded.data.document}
      canEdit={loaded.data.canEdit}
      onSaved={() => setLoads((n) => n + 1)}
    />
  );
}

function DashboardView({
  id,
  saved,
  canEdit,
  onSaved,
}: {
  id: string;
  saved: DashboardDocument;
  canEdit: boolean;
  onSaved: () => void;
}) {
  const navigate = useNavigate();
  const [doc, setDoc] = useState<DashboardDocument>(saved);
  const [editing, setEditing] = useState(false);
  const [tick, setTick] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [newKind, setNewKind] = useState<PanelKind>("series");
  const rangeKey = JSON.stringify(doc.timeRange);
  const range = useMemo(() => windowRange(doc.timeRange, new Date()), [rangeKey, tick]);
  const variables = doc.variables ?? {};
  const panels = doc.panels ?? [];

  useEffect(() => {
    const seconds = doc.refreshSeconds ?? 0;
    if (seconds <= 0) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") setTick((n) => n + 1);
    }, seconds * 1000);
    return () => clearInterval(timer);
  }, [doc.refreshSeconds]);

  function setPanel(index: number, panel: Panel) {
    setDoc({ ...doc, panels: panels.map((p, i) => (i === index ? panel : p)) });
  }

  function addPanel() {
    const size = newKind === "number" ? { w: 3, h: 2 } : { w: 6, h: 4 };
    const label = PANEL_KINDS.find((k) => k.kind === newKind)?.label ?? newKind;
    setDoc({
      ...doc,
      panels: [...panels, { kind: newKind, title: label, params: {}, ...nextPlace(panels, size.w, size.h) }],
    });
  }

  async function act(action: () => Promise<void>) {
    setProblem(null);
    try {
      await action();
    } catch (e) {
      setProblem(asApiError(e).message);
    }
  }

  async function downloadExport() {
    const exported = await exportDashboard(id);
    const blob = new Blob([JSON.stringify(exported, null, 2)], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = `dashboard-${id}.json`;
    a.click();
    URL.revokeObjectURL(url);
  }

  return (
    <section className="page dashboard-page">
      <div className="toolbar">
        <h1>{doc.name}</h1>
        <div className="dashboard-controls">
          <label>
            Range{" "}
            <select
              aria-label="Dashboard range"
              value={doc.timeRange?.last ?? "custom"}
              onChange={(e) => setDoc({ ...doc, timeRange: { last: e.target.value } })}
            >
              {!doc.timeRange?.last && <option value="custom">custom</option>}
              {RELATIVE_RANGES.map((r) => (
                <option key={r} value={r}>
                  last {r}
                </option>
              ))}
            </select>
          </label>
          <label>
            service{" "}
            <input
              aria-label="Variable service"
              size={10}
              value={variables.service ?? ""}
              onChange={(e) => setDoc({ ...doc, variables: { ...variables, service: e.target.value } })}
            />
          </label>
          <label>
            level{" "}
            <input
              aria-label="Variable level"
              size={6}
              value={variables.level ?? ""}
              onChange={(e) => setDoc({ ...doc, variables: { ...variables, level: e.target.value } })}
            />
          </label>
          <label>
            Auto-refresh{" "}
            <select
              aria-label="Auto-refresh"
              value={doc.refreshSeconds ?? 0}
              onChange={(e) =>
                setDoc({ ...doc, refreshSeconds: Number(e.target.value) as DashboardDocument["refreshSeconds"] })
              }
            >
              {REFRESHES.map((s) => (
                <option key={s} value={s}>
                  {s === 0 ? "off" : `${s} s`}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => setTick((n) => n + 1)}>
            Refresh
          </button>
          <button type="button" onClick={() => act(downloadExport)}>
            Export
          </button>
          <ShareButton page={`/dashboards/${id}`} />
          {canEdit && !editing && (
            <button type="button" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          {canEdit && (
            <button type="button" onClick={() => act(async () => { await updateDashboard(id, doc); setEditing(false); onSaved(); })}>
              Save dashboard
            </button>
          )}
          {canEdit && editing && (
            <button
              type="button"
              className="link"
              onClick={() =>
                act(async () => {
                  await deleteDashboard(id);
                  navigate("/dashboards");
                })
              }
            >
              Delete dashboard
            </button>
          )}
        </div>
      </div>
      {problem && (
        <p className="state state-error action-error" role="alert">
          {problem}
        </p>
      )}
      {editing && (
        <div className="inline-form card">
          <select aria-label="New panel kind" value={newKind} onChange={(e) => setNewKind(e.target.value as PanelKind)}>
            {PANEL_KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
          <button type="button" onClick={addPanel}>
            Add panel
          </button>
        </div>
      )}
      {panels.length === 0 ? (
        <Empty>This dashboard has no panel yet{canEdit ? ": press Edit, then Add panel." : "."}</Empty>
      ) : (
        <div className="dashboard-grid">
          {panels.map((panel, index) => (
            <section
              key={panel.id ?? `new-${index}`}
              className="card dashboard-panel"
              style={gridPlacement(panel)}
              aria-label={panel.title ?? panel.kind}
              data-panel-kind={panel.kind}
            >
              <h2>{panel.title ?? panel.kind}</h2>
              {editing ? (
                <PanelEditor
                  panel={panel}
                  onChange={(p) => setPanel(index, p)}
                  onRemove={() => setDoc({ ...doc, panels: panels.filter((_, i) => i !== index) })}
                />
              ) : (
                <PanelView panel={panel} range={range} variables={variables} tick={tick} />
              )}
            </section>
          ))}
        </div>
      )}
    </section>
  );
}

function PanelEditor({
  panel,
  onChange,
  onRemove,
}: {
  panel: Panel;
  onChange: (panel: Panel) => void;
  onRemove: () => void;
}) {
  const [text, setText] = useState(paramsText(panel.params));
  const [problem, setProblem] = useState<string | null>(null);
  const number = (name: "x" | "y" | "w" | "h") => (
    <label>
      {name}{" "}
      <input
        type="number"
        aria-label={`Panel ${name}`}
        value={panel[name]}
        onChange={(e) => onChange(placed(panel, { [name]: Number(e.target.value) }))}
      />
    </label>
  );
  return (
    <div className="panel-editor">
      <input
        aria-label="Panel title"
        value={panel.title ?? ""}
        onChange={(e) => onChange({ ...panel, title: e.target.value })}
      />
      <select
        aria-label="Panel kind"
        value={panel.kind}
        onChange={(e) => onChange({ ...panel, kind: e.target.value as PanelKind })}
      >
        {PANEL_KINDS.map((k) => (
          <option key={k.kind} value={k.kind}>
            {k.label}
          </option>
        ))}
      </select>
      {panel.kind === "derived" && (
        <DerivedRulePicker
          label="Panel derived metric"
          value={panel.params?.rule}
          onChange={(rule) => {
            const params = { ...(panel.params ?? {}), rule };
            setText(paramsText(params));
            onChange({ ...panel, params });
          }}
        />
      )}
      {number("x")}
      {number("y")}
      {number("w")}
      {number("h")}
      <textarea
        aria-label="Panel parameters"
        rows={3}
        placeholder={"service=$service\nlevel=ERROR"}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          try {
            onChange({ ...panel, params: parseParamsText(e.target.value) });
            setProblem(null);
          } catch (err) {
            setProblem(err instanceof Error ? err.message : String(err));
          }
        }}
      />
      {problem && <span className="field-error">{problem}</span>}
      <button type="button" className="link" onClick={onRemove}>
        Remove panel
      </button>
    </div>
  );
}
