// The rule editor's form, pure: its text fields to the API's rule body and back, and which input
// a 400's `detail.field` points at.

import type { AlertRule, AlertRuleInput } from "../../api/types";

export type RuleKind = AlertRuleInput["kind"];
export type Severity = NonNullable<AlertRuleInput["severity"]>;

export const KINDS: { value: RuleKind; label: string }[] = [
  { value: "match_count", label: "Matching events over a window" },
  { value: "error_rate", label: "Error rate over a window" },
  { value: "absence", label: "No matching event (heartbeat)" },
  { value: "latency_percentile", label: "Latency percentile over a window" },
  { value: "new_pattern", label: "A new log pattern appears" },
  { value: "derived_metric", label: "A derived metric (recording rule) over a window" },
];

/** How a derived_metric rule adds up the minutes of its window. */
export const OVERS = ["sum", "avg", "min", "max", "last"] as const;

/** Whether the kind compares a value with a threshold (absence and new patterns do not). */
export function hasThreshold(kind: RuleKind): boolean {
  return kind !== "absence" && kind !== "new_pattern";
}
export const OPS = [">", ">=", "<", "<=", "==", "!="] as const;
export const SEVERITIES: Severity[] = ["info", "warning", "critical"];

/** Every input of the editor as typed. */
export interface RuleForm {
  name: string;
  kind: RuleKind;
  service: string;
  /** Level names, comma-separated. */
  levels: string;
  /** Words that must all occur in the message. */
  text: string;
  /** `key=value` pairs, comma-separated. */
  attributes: string;
  windowSeconds: string;
  /** The percentile of a latency rule, 0 to 1. */
  percentile: string;
  /** A derived_metric rule's recording rule id, watched groups (`key=value`) and `over`. */
  recordingRuleId: string;
  group: string;
  over: string;
  op: string;
  threshold: string;
  forSeconds: string;
  severity: Severity;
  labels: string;
  description: string;
  enabled: boolean;
  receivers: string[];
}

export function emptyForm(): RuleForm {
  return {
    name: "",
    kind: "match_count",
    service: "",
    levels: "",
    text: "",
    attributes: "",
    windowSeconds: "300",
    percentile: "0.99",
    recordingRuleId: "",
    group: "",
    over: "sum",
    op: ">",
    threshold: "10",
    forSeconds: "0",
    severity: "warning",
    labels: "",
    description: "",
    enabled: true,
    receivers: [],
  };
}

/** `a=1, b=2` as a map; a part without `=` is kept with an empty value (the API then names it). */
export function parsePairs(text: string): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const part of text.split(",")) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf("=");
    if (eq < 0) pairs[trimmed] = "";
    else pairs[trimmed.slice(0, eq).trim()] = trimmed.slice(eq + 1).trim();
  }
  return pairs;
}

export function formatPairs(map: Record<string, string> | undefined): string {
  return Object.entries(map ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
}

/** A number if the text is one, else the text itself, so the API's 400 names the field. */
function numberOrText(text: string): number {
  const trimmed = text.trim();
  const n = Number(trimmed);
  return (trimmed !== "" && Number.isFinite(n) ? n : trimmed) as number;
}

/** The API body of the form. */
export function toInput(form: RuleForm): AlertRuleInput {
  const filter: Record<string, unknown> = {};
  if (form.service.trim()) filter.service = form.service.trim();
  const levels = form.levels
    .split(",")
    .map((l) => l.trim())
    .filter(Boolean);
  if (levels.length === 1) filter.level = levels[0];
  if (levels.length > 1) filter.level = levels;
  if (form.text.trim()) filter.text = form.text.trim();
  const attributes = parsePairs(form.attributes);
  if (Object.keys(attributes).length > 0) filter.attributes = attributes;
  const definition: Record<string, unknown> =
    form.kind === "derived_metric"
      ? { recording_rule_id: form.recordingRuleId.trim(), over: form.over, window_seconds: numberOrText(form.windowSeconds) }
      : { filter, window_seconds: numberOrText(form.windowSeconds) };
  const group = parsePairs(form.group);
  if (form.kind === "derived_metric" && Object.keys(group).length > 0) definition.group = group;
  if (form.kind === "latency_percentile") definition.percentile = numberOrText(form.percentile);
  if (hasThreshold(form.kind)) {
    definition.op = form.op;
    definition.threshold = numberOrText(form.threshold);
  }
  return {
    name: form.name,
    kind: form.kind,
    definition: definition as AlertRuleInput["definition"],
    forSeconds: numberOrText(form.forSeconds),
    severity: form.severity,
    labels: parsePairs(form.labels),
    description: form.description,
    enabled: form.enabled,
    receivers: form.receivers,
  };
}

/** The form showing a stored rule. */
export function formOf(rule: AlertRule): RuleForm {
  const definition = rule.definition as {
    filter?: {
      service?: string;
      level?: string | string[];
      text?: string;
      attributes?: Record<string, string>;
    };
    window_seconds: number;
    percentile?: number;
    recording_rule_id?: string;
    group?: Record<string, string>;
    over?: string;
    op?: string;
    threshold?: number;
  };
  const filter = definition.filter ?? {};
  const level = filter.level;
  return {
    name: rule.name,
    kind: rule.kind,
    service: filter.service ?? "",
    levels: Array.isArray(level) ? level.join(", ") : (level ?? ""),
    text: filter.text ?? "",
    attributes: formatPairs(filter.attributes),
    windowSeconds: String(definition.window_seconds),
    percentile: definition.percentile === undefined ? "0.99" : String(definition.percentile),
    recordingRuleId: definition.recording_rule_id ?? "",
    group: formatPairs(definition.group),
    over: definition.over ?? "sum",
    op: definition.op ?? ">",
    threshold: definition.threshold === undefined ? "" : String(definition.threshold),
    forSeconds: String(rule.forSeconds),
    severity: rule.severity,
    labels: formatPairs(rule.labels),
    description: rule.description,
    enabled: rule.enabled,
    receivers: [...rule.receivers],
  };
}

/** The input a 400's `detail.field` names (`definition.filter.level` -> `levels`), if any. */
export function inputOfField(field: string | undefined): keyof RuleForm | null {
  if (!field) return null;
  const map: [string, keyof RuleForm][] = [
    ["definition.filter.service", "service"],
    ["definition.filter.level", "levels"],
    ["definition.filter.text", "text"],
    ["definition.filter.attributes", "attributes"],
    ["definition.window_seconds", "windowSeconds"],
    ["definition.percentile", "percentile"],
    ["definition.recording_rule_id", "recordingRuleId"],
    ["definition.group", "group"],
    ["definition.over", "over"],
    ["definition.op", "op"],
    ["definition.threshold", "threshold"],
    ["forSeconds", "forSeconds"],
    ["labels", "labels"],
    ["receivers", "receivers"],
    ["name", "name"],
    ["kind", "kind"],
    ["severity", "severity"],
    ["description", "description"],
  ];
  return map.find(([prefix]) => field === prefix || field.startsWith(prefix + ".") || field.startsWith(prefix + "["))?.[1] ?? null;
}
