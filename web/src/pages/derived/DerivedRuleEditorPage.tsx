// A derived metric's editor (/derived-metrics/new, /derived-metrics/:id): which events, what to
// compute per minute and by which fields; save (POST, or PUT which bumps the version), pause or
// record, delete. A 400 marks the input its `detail.field` names; a 403 (a viewer) says which
// role it needs.

import { type ReactNode } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import {
  createRecordingRule,
  deleteRecordingRule,
  recordingRule,
  updateRecordingRule,
} from "../../api/client";
import type { RecordingRule } from "../../api/types";
import { useApi } from "../../api/useApi";
import { useEditor } from "../../api/useEditor";
import { EditorActions } from "../../components/EditorActions";
import { Empty, ErrorState, Loading } from "../../components/States";
import {
  AGGREGATIONS,
  derivedFormOf,
  derivedInputOfField,
  emptyDerivedForm,
  toDerivedInput,
  type DerivedForm,
} from "./derivedForm";
import "../alerts/alerts.css";

export function DerivedRuleEditorPage() {
  const { id } = useParams();
  const isNew = id === undefined || id === "new";
  const stored = useApi<RecordingRule | null>(
    (signal) => (isNew ? Promise.resolve(null) : recordingRule(id!, signal)),
    `recording-rule-${id ?? "new"}`,
  );
  if (stored.status === "loading") return <Loading what="Reading the derived metric" />;
  if (stored.status === "error") {
    return (
      <section className="page alerts-page">
        <p>
          <Link to="/derived-metrics">All derived metrics</Link>
        </p>
        {stored.error.status === 404 ? (
          <Empty>No derived metric {id} in this project: it was deleted, or it is another project's.</Empty>
        ) : (
          <ErrorState error={stored.error} />
        )}
      </section>
    );
  }
  return <Editor key={id ?? "new"} rule={stored.data} />;
}

function Editor({ rule }: { rule: RecordingRule | null }) {
  const navigate = useNavigate();
  const { form, set, saved, setSaved, error, badInput, busy, run } = useEditor<DerivedForm, RecordingRule>(
    rule ? derivedFormOf(rule) : emptyDerivedForm(),
    rule,
    derivedInputOfField,
  );

  const save = () =>
    run("Saving", async () => {
      const body = toDerivedInput(form);
      const result = saved ? await updateRecordingRule(saved.id, body) : await createRecordingRule(body);
      setSaved(result);
      if (!saved) navigate(`/derived-metrics/${result.id}`, { replace: true });
    });
  const toggle = () =>
    run("Saving", async () => {
      const result = await updateRecordingRule(saved!.id, { ...toDerivedInput(derivedFormOf(saved!)), enabled: !saved!.enabled });
      setSaved(result);
      set("enabled", result.enabled);
    });
  const remove = () =>
    run("Deleting", async () => {
      await deleteRecordingRule(saved!.id);
      navigate("/derived-metrics");
    });

  /** An input with its label, marked when the API's 400 names it, with the API's reason below. */
  const field = (key: keyof DerivedForm, label: string, input: ReactNode, hint?: string) => (
    <label className={`field${badInput === key ? " invalid" : ""}`}>
      <span>{label}</span>
      {input}
      {badInput === key && error ? (
        <small className="field-error" role="alert">
          {error.detail}
        </small>
      ) : (
        hint && <small className="muted">{hint}</small>
      )}
    </label>
  );
  const text = (key: keyof DerivedForm, label: string, hint?: string, placeholder?: string) =>
    field(
      key,
      label,
      <input
        name={key}
        aria-label={label}
        aria-invalid={badInput === key}
        value={form[key] as string}
        placeholder={placeholder}
        onChange={(e) => set(key, e.target.value as never)}
      />,
      hint,
    );

  return (
    <section className="page alerts-page rule-editor derived-editor">
      <div className="toolbar">
        <h1>{saved ? `Derived metric: ${saved.name}` : "New derived metric"}</h1>
        <Link to="/derived-metrics">All derived metrics</Link>
        {saved && (
          <>
            <span className="muted rule-version">
              version {saved.version} · {saved.enabled ? "recording" : "paused"}
            </span>
            <Link to={`/metrics?derived=${encodeURIComponent(saved.id)}`}>Chart on the Metrics page</Link>
          </>
        )}
      </div>
      <form
        className="card rule-form"
        aria-label="Derived metric"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {text("name", "Name", undefined, "checkout latency")}
        <fieldset>
          <legend>Which events (as in search)</legend>
          {text("service", "Service")}
          {text("levels", "Levels", "any of them, comma-separated", "error, fatal")}
          {text("text", "Text", "every word must occur in the message")}
          {text("attributes", "Attributes", "key=value, comma-separated")}
        </fieldset>
        <fieldset>
          <legend>Per minute</legend>
          {field(
            "aggregation",
            "Aggregation",
            <select
              name="aggregation"
              aria-label="Aggregation"
              value={form.aggregation}
              onChange={(e) => set("aggregation", e.target.value as DerivedForm["aggregation"])}
            >
              {AGGREGATIONS.map((a) => (
                <option key={a.value} value={a.value}>
                  {a.label}
                </option>
              ))}
            </select>,
          )}
          {form.aggregation !== "count" &&
            text("field", "Field", "the attribute read as a number, e.g. duration_ms", "duration_ms")}
          {text("groupBy", "Group by", "up to 3 of service, level, stream or attribute keys, comma-separated", "region")}
          {text("maxGroups", "Max groups", "groups kept per minute; the rest add up in one \"other\" group")}
        </fieldset>
        {error && badInput === null && <ErrorState error={error} />}
        <EditorActions
          saved={saved !== null}
          busy={busy}
          toggleLabel={saved?.enabled ? "Pause" : "Record"}
          onToggle={() => void toggle()}
          onDelete={() => void remove()}
        />
      </form>
    </section>
  );
}
