// The derived-metric (recording rule) editor's form, pure: its text fields to the API's rule body
// and back, and which input a 400's `detail.field` points at. The filter reads as the alert
// rules' does (service, levels, text, attributes).

import type { RecordingRule, RecordingRuleInput } from "../../api/types";
import { formatPairs, parsePairs } from "../alerts/ruleForm";

export type Aggregation = RecordingRuleInput["definition"]["aggregation"];

export const AGGREGATIONS: { value: Aggregation; label: string }[] = [
  { value: "count", label: "count of matching events" },
  { value: "sum", label: "sum of a field" },
  { value: "avg", label: "average of a field" },
  { value: "min", label: "minimum of a field" },
  { value: "max", label: "maximum of a field" },
  { value: "p50", label: "p50 of a field" },
  { value: "p90", label: "p90 of a field" },
  { value: "p99", label: "p99 of a field" },
];

/** Every input of the editor as typed. */
export interface DerivedForm {
  name: string;
  service: string;
  /** Level names, comma-separated. */
  levels: string;
  /** Words that must all occur in the message. */
  text: string;
  /** `key=value` pairs, comma-separated. */
  attributes: string;
  aggregation: Aggregation;
  /** The numeric attribute; unused by a count. */
  field: string;
  /** Up to three of service, level, stream or attribute keys, comma-separated. */
  groupBy: string;
  maxGroups: string;
  enabled: boolean;
}

export function emptyDerivedForm(): DerivedForm {
  return {
    name: "",
    service: "",
    levels: "",
    text: "",
    attributes: "",
    aggregation: "count",
    field: "",
    groupBy: "",
    maxGroups: "50",
    enabled: true,
  };
}

function commaList(text: string): string[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

/** A number if the text is one, else the text itself, so the API's 400 names the field. */
function numberOrText(text: string): number {
  const trimmed = text.trim();
  const n = Number(trimmed);
  return (trimmed !== "" && Number.isFinite(n) ? n : trimmed) as number;
}

/** The API body of the form; a count sends no field, empty inputs are left out. */
export function toDerivedInput(form: DerivedForm): RecordingRuleInput {
  const filter: Record<string, unknown> = {};
  if (form.service.trim()) filter.service = form.service.trim();
  const levels = commaList(form.levels);
  if (levels.length === 1) filter.level = levels[0];
  if (levels.length > 1) filter.level = levels;
  if (form.text.trim()) filter.text = form.text.trim();
  const attributes = parsePairs(form.attributes);
  if (Object.keys(attributes).length > 0) filter.attributes = attributes;
  const definition: RecordingRuleInput["definition"] = { filter, aggregation: form.aggregation };
  if (form.aggregation !== "count" && form.field.trim()) definition.field = form.field.trim();
  const groupBy = commaList(form.groupBy);
  if (groupBy.length > 0) definition.group_by = groupBy;
  if (form.maxGroups.trim()) definition.max_groups = numberOrText(form.maxGroups);
  return { name: form.name, definition, enabled: form.enabled };
}

/** The form showing a stored rule. */
export function derivedFormOf(rule: RecordingRule): DerivedForm {
  const definition = rule.definition;
  const filter = (definition.filter ?? {}) as {
    service?: string;
    level?: string | string[];
    text?: string;
    attributes?: Record<string, string>;
  };
  const level = filter.level;
  return {
    name: rule.name,
    service: filter.service ?? "",
    levels: Array.isArray(level) ? level.join(", ") : (level ?? ""),
    text: filter.text ?? "",
    attributes: formatPairs(filter.attributes),
    aggregation: definition.aggregation,
    field: definition.field ?? "",
    groupBy: (definition.group_by ?? []).join(", "),
    maxGroups: definition.max_groups === undefined ? "50" : String(definition.max_groups),
    enabled: rule.enabled,
  };
}

/** `p99 of duration_ms by region`, `count`. */
export function describeDerived(definition: RecordingRule["definition"]): string {
  const what = definition.field ? `${definition.aggregation} of ${definition.field}` : definition.aggregation;
  const groups = definition.group_by ?? [];
  return groups.length === 0 ? what : `${what} by ${groups.join(", ")}`;
}

/** The input a 400's `detail.field` names (`definition.filter.level` -> `levels`), if any. */
export function derivedInputOfField(field: string | undefined): keyof DerivedForm | null {
  if (!field) return null;
  const map: [string, keyof DerivedForm][] = [
    ["definition.filter.service", "service"],
    ["definition.filter.level", "levels"],
    ["definition.filter.text", "text"],
    ["definition.filter.attributes", "attributes"],
    ["definition.aggregation", "aggregation"],
    ["definition.field", "field"],
    ["definition.group_by", "groupBy"],
    ["definition.max_groups", "maxGroups"],
    ["name", "name"],
    ["enabled", "enabled"],
  ];
  return (
    map.find(([prefix]) => field === prefix || field.startsWith(prefix + ".") || field.startsWith(prefix + "["))?.[1] ??
    null
  );
}
