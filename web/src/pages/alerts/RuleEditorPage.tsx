// A rule's editor (/alerts/rules/new, /alerts/rules/:id): the rule's fields, its receivers, a
// preview over the last 24 hours (POST /v1/alerts/preview) before saving, save (POST or PUT,
// which bumps the version), mute, delete, and the saved rule's history.

import { useState, type ReactNode } from "react";
import { useNavigate, useParams } from "react-router-dom";
import {
  alertReceivers,
  alertRule,
  alertRuleHistory,
  createAlertRule,
  deleteAlertRule,
  previewAlertRule,
  setAlertRuleEnabled,
  updateAlertRule,
} from "../../api/client";
import type { AlertPreview, AlertRule } from "../../api/types";
import { useApi } from "../../api/useApi";
import { useEditor } from "../../api/useEditor";
import { EditorActions } from "../../components/EditorActions";
import { Empty, ErrorState, Loading } from "../../components/States";
import { AlertEventsTable } from "./AlertEventsTable";
import { AlertsNav } from "./AlertsNav";
import { PreviewChart } from "./PreviewChart";
import {
  emptyForm,
  formOf,
  hasThreshold,
  inputOfField,
  KINDS,
  OPS,
  OVERS,
  SEVERITIES,
  toInput,
  type RuleForm,
} from "./ruleForm";
import "./alerts.css";

export function RuleEditorPage() {
  const { id } = useParams();
  const isNew = id === undefined || id === "new";
  const stored = useApi<AlertRule | null>(
    (signal) => (isNew ? Promise.resolve(null) : alertRule(id!, signal)),
    `rule-${id ?? "new"}`,
  );
  if (stored.status === "loading") return <Loading what="Reading the rule" />;
  if (stored.status === "error") {
    return (
      <section className="page alerts-page">
        <AlertsNav />
        <ErrorState error={stored.error} />
      </section>
    );
  }
  return <Editor key={id ?? "new"} rule={stored.data} />;
}

function Editor({ rule }: { rule: AlertRule | null }) {
  const navigate = useNavigate();
  const { form, set, saved, setSaved, error, badInput, busy, run } = useEditor<RuleForm, AlertRule>(
    rule ? formOf(rule) : emptyForm(),
    rule,
    inputOfField,
  );
  const [preview, setPreview] = useState<AlertPreview | null>(null);
  const receivers = useApi((signal) => alertReceivers(signal), "receivers");

  const save = () =>
    run("Saving", async () => {
      const body = toInput(form);
      const result = saved ? await updateAlertRule(saved.id, body) : await createAlertRule(body);
      setSaved(result);
      if (!saved) navigate(`/alerts/rules/${result.id}`, { replace: true });
    });
  const runPreview = () => run("Previewing", async () => setPreview(await previewAlertRule(toInput(form))));
  const toggle = () =>
    run("Saving", async () => {
      const result = await setAlertRuleEnabled(saved!.id, !saved!.enabled);
      setSaved(result);
      set("enabled", result.enabled);
    });
  const remove = () =>
    run("Deleting", async () => {
      await deleteAlertRule(saved!.id);
      navigate("/alerts");
    });

  const field = (key: keyof RuleForm, label: string, input: ReactNode, hint?: string) => (
    <label className={`field${badInput === key ? " invalid" : ""}`}>
      <span>{label}</span>
      {input}
      {hint && <small className="muted">{hint}</small>}
    </label>
  );
  const text = (key: keyof RuleForm, label: string, hint?: string, placeholder?: string) =>
    field(
      key,
      label,
      <input
        name={key}
        aria-invalid={badInput === key}
        value={form[key] as string}
        placeholder={placeholder}
        onChange={(e) => set(key, e.target.value as never)}
      />,
      hint,
    );

  return (
    <section className="page alerts-page rule-editor">
      <div className="toolbar">
        <h1>{saved ? `Rule: ${saved.name}` : "New rule"}</h1>
        <AlertsNav />
        {saved && (
          <span className="muted rule-version">
            version {saved.version} · {saved.enabled ? "enabled" : "muted"}
          </span>
        )}
      </div>
      <form
        className="card rule-form"
        aria-label="Rule"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {text("name", "Name")}
        {field(
          "kind",
          "Kind",
          <select name="kind" value={form.kind} onChange={(e) => set("kind", e.target.value as RuleForm["kind"])}>
            {KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>,
        )}
        {form.kind === "derived_metric" ? (
          <fieldset>
            <legend>Which derived metric</legend>
            {text("recordingRuleId", "Recording rule id", "a recording rule of this project")}
            {text("group", "Group", "group-by values to watch, key=value, comma-separated; empty: every group")}
            {field(
              "over",
              "Over the window",
              <select name="over" value={form.over} onChange={(e) => set("over", e.target.value)}>
                {OVERS.map((o) => (
                  <option key={o}>{o}</option>
                ))}
              </select>,
            )}
          </fieldset>
        ) : (
          <fieldset>
            <legend>Which events (as in search)</legend>
            {text("service", "Service")}
            {text("levels", "Levels", "any of them, comma-separated", "error, fatal")}
            {text("text", "Text", "every word must occur in the message")}
            {text("attributes", "Attributes", "key=value, comma-separated")}
          </fieldset>
        )}
        <fieldset>
          <legend>Condition</legend>
          {text("windowSeconds", "Window (seconds)")}
          {form.kind === "latency_percentile" &&
            text("percentile", "Percentile", "0 to 1: 0.99 is p99, of the durations events carry (duration_ms, ...)")}
          {hasThreshold(form.kind) &&
            field(
              "op",
              "Comparison",
              <select name="op" value={form.op} onChange={(e) => set("op", e.target.value)}>
                {OPS.map((op) => (
                  <option key={op}>{op}</option>
                ))}
              </select>,
            )}
          {hasThreshold(form.kind) &&
            text(
              "threshold",
              "Threshold",
              form.kind === "error_rate"
                ? "a ratio, e.g. 0.05"
                : form.kind === "latency_percentile"
                  ? "milliseconds"
                  : form.kind === "derived_metric"
                    ? "the metric's minutes added up over the window (whole minutes)"
                    : "events in the window",
            )}
          {form.kind === "new_pattern" ? (
            <small className="muted">
              The first window learns the patterns already there; then each new pattern fires once and resolves a
              window later.
            </small>
          ) : (
            text("forSeconds", "For (seconds)", "pending this long before firing")
          )}
        </fieldset>
        <fieldset>
          <legend>Notification</legend>
          {field(
            "severity",
            "Severity",
            <select name="severity" value={form.severity} onChange={(e) => set("severity", e.target.value as RuleForm["severity"])}>
              {SEVERITIES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>,
          )}
          {text("labels", "Labels", "key=value, comma-separated")}
          {text("description", "Summary", "{{value}} {{threshold}} {{window}} {{rule}} {{service}} are filled in")}
          <div className={`field${badInput === "receivers" ? " invalid" : ""}`}>
            <span>Receivers</span>
            {receivers.status === "loading" && <Loading what="Reading receivers" />}
            {receivers.status === "error" && <ErrorState error={receivers.error} />}
            {receivers.status === "ready" &&
              (receivers.data.receivers.length === 0 ? (
                <small className="muted">No receivers yet: transitions are only recorded.</small>
              ) : (
                receivers.data.receivers.map((r) => (
                  <label key={r.id} className="checkbox">
                    <input
                      type="checkbox"
                      checked={form.receivers.includes(r.id)}
                      onChange={(e) =>
                        set(
                          "receivers",
                          e.target.checked
                            ? [...form.receivers, r.id]
                            : form.receivers.filter((x) => x !== r.id),
                        )
                      }
                    />
                    {r.name} <span className="muted">({r.kind})</span>
                  </label>
                ))
              ))}
          </div>
        </fieldset>
        {error && <ErrorState error={error} />}
        <EditorActions
          saved={saved !== null}
          busy={busy}
          toggleLabel={saved?.enabled ? "Mute" : "Enable"}
          onToggle={() => void toggle()}
          onDelete={() => void remove()}
        >
          <button type="button" onClick={() => void runPreview()} disabled={busy !== null}>
            Preview
          </button>
        </EditorActions>
      </form>
      {preview && <PreviewChart preview={preview} />}
      {saved && <History ruleId={saved.id} version={saved.version} />}
    </section>
  );
}

function History({ ruleId, version }: { ruleId: string; version: number }) {
  const history = useApi((signal) => alertRuleHistory(ruleId, signal), `${ruleId}-${version}`, 15_000);
  return (
    <section className="card" aria-label="History">
      <h2>History</h2>
      {history.status === "loading" && !history.previous && <Loading what="Reading history" />}
      {history.status === "error" && <ErrorState error={history.error} />}
      {(() => {
        const data = history.status === "ready" ? history.data : history.status === "loading" ? history.previous : undefined;
        if (!data) return null;
        return data.alerts.length === 0 ? (
          <Empty>No transitions yet.</Empty>
        ) : (
          <AlertEventsTable events={data.alerts} showRule={false} label="Rule history" />
        );
      })()}
    </section>
  );
}
