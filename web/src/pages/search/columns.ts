// The columns of the Search page's results: the time and the message always, level, service and
// stream unless hidden (`hide=level,stream` in the URL), then the attributes chosen as columns
// (`cols=http.status,user`, in the order chosen; the field sidebar's "column" adds them too).
// A saved search keeps the columns shown, in table order; opening it puts them back in the URL.

/** The event's own columns that a person may hide. */
export const OPTIONAL_COLUMNS = ["level", "service", "stream"] as const;
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];

/** The columns every results table shows. */
const FIXED_COLUMNS = ["timestamp", "message"];

/** What saved searches kept before columns could be chosen: the default table. */
const LEGACY_DEFAULT = ["timestamp", "level", "service", "message"];

export interface ColumnChoice {
  /** Own columns hidden. */
  hidden: OptionalColumn[];
  /** Attributes shown as columns, in order. */
  attributes: string[];
}

function isOptional(name: string): name is OptionalColumn {
  return (OPTIONAL_COLUMNS as readonly string[]).includes(name);
}

/** An attribute name a saved search may keep (the service's rule for column names). */
export function isColumnName(name: string): boolean {
  return /^[A-Za-z0-9_.:@-]{1,100}$/.test(name);
}

export function readColumns(params: URLSearchParams): ColumnChoice {
  const list = (name: string) =>
    (params.get(name) ?? "")
      .split(",")
      .map((v) => v.trim())
      .filter((v) => v !== "");
  return {
    hidden: OPTIONAL_COLUMNS.filter((c) => list("hide").includes(c)),
    attributes: [...new Set(list("cols"))],
  };
}

/** The URL parameters of a choice (null: the parameter is removed). */
export function columnParams(choice: ColumnChoice): { cols: string | null; hide: string | null } {
  return {
    cols: choice.attributes.join(",") || null,
    hide: OPTIONAL_COLUMNS.filter((c) => choice.hidden.includes(c)).join(",") || null,
  };
}

/** The columns shown, in table order: what a saved search keeps. */
export function shownColumns(choice: ColumnChoice): string[] {
  return [
    "timestamp",
    ...OPTIONAL_COLUMNS.filter((c) => !choice.hidden.includes(c)),
    ...choice.attributes,
    "message",
  ];
}

/** A saved search's columns back into a choice; the old default four mean the whole table. */
export function choiceOfColumns(columns: string[]): ColumnChoice {
  if (columns.length === 0 || sameList(columns, LEGACY_DEFAULT)) return { hidden: [], attributes: [] };
  return {
    hidden: OPTIONAL_COLUMNS.filter((c) => !columns.includes(c)),
    attributes: columns.filter((c) => !isOptional(c) && !FIXED_COLUMNS.includes(c)),
  };
}

/** The choice with an own column shown or hidden, or an attribute column added or removed. */
export function toggledColumn(choice: ColumnChoice, name: string): ColumnChoice {
  if (isOptional(name)) {
    const hidden = choice.hidden.includes(name)
      ? choice.hidden.filter((c) => c !== name)
      : [...choice.hidden, name];
    return { ...choice, hidden };
  }
  const attributes = choice.attributes.includes(name)
    ? choice.attributes.filter((c) => c !== name)
    : [...choice.attributes, name];
  return { ...choice, attributes };
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
