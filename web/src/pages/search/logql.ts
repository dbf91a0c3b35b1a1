// LogQL in the search bar, pure: which kind of query a text is, where a parse error is, what to
// complete at the cursor, and how a filter from the field sidebar is added to a query.
// The query service parses and answers the query (docs/logql.md); this only edits its text.

/** Labels every event has; anything else is an attribute. */
export const STREAM_LABELS = ["service", "level", "stream"] as const;

const METRIC_FUNCTIONS = [
  "count_over_time",
  "rate",
  "bytes_over_time",
  "bytes_rate",
  "sum_over_time",
  "avg_over_time",
  "max_over_time",
  "min_over_time",
  "quantile_over_time",
  "sum",
  "avg",
  "min",
  "max",
  "count",
  "topk",
  "bottomk",
];

/** Whether the text is a LogQL log query (the API reads a `q` starting with `{` as one). */
export function isLogQuery(text: string): boolean {
  return text.trimStart().startsWith("{");
}

/** Whether the text is a LogQL metric query (charted, not searched): `sum by (x) (rate(...))`. */
export function isMetricQuery(text: string): boolean {
  const match = /^\s*([a-z_]+)\s*(\(|by\b|without\b)/.exec(text);
  return match !== null && METRIC_FUNCTIONS.includes(match[1]);
}

/** A LogQL string literal of a value. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

/** Label names LogQL accepts unquoted (attribute keys may have dots). */
export function isLabelName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name);
}

/** Where a parse error is, from the API's error detail: the text before, at and after it. */
export interface ErrorSpot {
  before: string;
  at: string;
  after: string;
  offset: number;
  expected: string;
}

/**
 * The spot of a parse error in `text`, from the 400's `detail` (`offset`, `expected`), or null
 * when the detail names no position. The marked part is the word at the offset (a space at the end).
 */
export function errorSpot(text: string, detail: unknown): ErrorSpot | null {
  if (typeof detail !== "object" || detail === null) return null;
  const { offset, expected } = detail as { offset?: unknown; expected?: unknown };
  if (typeof offset !== "number" || offset < 0 || offset > text.length) return null;
  const word = /^[^\s"{}()|,=!~<>]+|^./.exec(text.slice(offset));
  const at = word ? word[0] : " ";
  return {
    before: text.slice(0, offset),
    at,
    after: text.slice(offset + (word ? at.length : 0)),
    offset,
    expected: typeof expected === "string" ? expected : "",
  };
}

/** What is typed at the cursor: a label name, or a value of a label. */
export type CompletionContext =
  | { kind: "label"; prefix: string; from: number; inSelector: boolean }
  | { kind: "value"; label: string; prefix: string; from: number };

/**
 * What completes the text before `cursor`: a label name right after `{`, `,` (in a selector) or
 * `|`, `and`, `or` (in a pipeline); a value inside the quotes after `label=` (`=~`, `!=`, `!~`).
 * Null elsewhere (inside line filter text, after a number...).
 */
export function completionContext(text: string, cursor: number): CompletionContext | null {
  const head = text.slice(0, cursor);
  if (!isLogQuery(head)) return null;
  const value = /([A-Za-z_][A-Za-z0-9_.]*)\s*(=~|!~|!=|==|=)\s*"((?:[^"\\]|\\.)*)$/.exec(head);
  if (value && !insideLineFilter(head.slice(0, value.index))) {
    return { kind: "value", label: value[1], prefix: unescapeLiteral(value[3]), from: cursor - value[3].length };
  }
  if (quotesOpen(head)) return null;
  const label = /(\{|,|\||\band|\bor)\s*([A-Za-z_][A-Za-z0-9_.]*)?$/.exec(head);
  if (!label) return null;
  const prefix = label[2] ?? "";
  return {
    kind: "label",
    prefix,
    from: cursor - prefix.length,
    inSelector: selectorOpen(head),
  };
}

function unescapeLiteral(value: string): string {
  return value.replace(/\\(.)/g, "$1");
}

/** Whether a string literal is open at the end of `head`. */
function quotesOpen(head: string): boolean {
  let open = false;
  for (let i = 0; i < head.length; i++) {
    if (head[i] === "\\" && open) i++;
    else if (head[i] === '"') open = !open;
  }
  return open;
}

/** Whether `head` ends in the text of a line filter (`|= "`, `!~ "`...), not a label's value. */
function insideLineFilter(head: string): boolean {
  return /(\|=|\|~|!=|!~)\s*$/.test(head) && !/[A-Za-z0-9_.]\s*(!=|!~)\s*$/.test(head);
}

/** Whether the first `{` of `head` is not closed yet (outside string literals). */
function selectorOpen(head: string): boolean {
  let open = false;
  let quoted = false;
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === "{") open = true;
    else if (c === "}") open = false;
  }
  return open;
}

/** A field as the completion knows it: its name and its top values. */
export interface KnownField {
  name: string;
  values: string[];
}

/** At most this many suggestions are shown. */
export const MAX_SUGGESTIONS = 8;

/** The suggestions for a context: names or values starting with the prefix (any case), first the exact-case ones. */
export function suggestions(context: CompletionContext, fields: KnownField[]): string[] {
  const prefix = context.prefix.toLowerCase();
  const candidates =
    context.kind === "label"
      ? fields.map((f) => f.name).filter((name) => isLabelName(name))
      : (fields.find((f) => f.name === context.label)?.values ?? []);
  return [...new Set(candidates)]
    .filter((c) => c.toLowerCase().startsWith(prefix) && c !== context.prefix)
    .slice(0, MAX_SUGGESTIONS);
}

/** The text with a suggestion accepted at the cursor, and where the cursor goes. */
export function accept(
  text: string,
  cursor: number,
  context: CompletionContext,
  suggestion: string,
): { text: string; cursor: number } {
  if (context.kind === "label") {
    const insert = suggestion + (context.inSelector ? "=" : "");
    return {
      text: text.slice(0, context.from) + insert + text.slice(cursor),
      cursor: context.from + insert.length,
    };
  }
  const escaped = quote(suggestion).slice(1, -1);
  // Close the quote unless the text already has one right after the cursor.
  const rest = text.slice(cursor);
  const closing = rest.startsWith('"') ? "" : '"';
  const inserted = escaped + closing;
  return {
    text: text.slice(0, context.from) + inserted + rest,
    cursor: context.from + inserted.length + (closing ? 0 : 1),
  };
}

/** Comparison operators of a filter added from the sidebar. */
export type FilterOp = "=" | "!=" | ">" | ">=" | "<" | "<=";

/** Where the first stream selector of a query closes (index of its `}`), or -1. */
function selectorEnd(query: string): number {
  let quoted = false;
  let started = false;
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === "{") started = true;
    else if (c === "}" && started) return i;
  }
  return -1;
}

/** Free-text words (as the API splits them: blanks, "quoted phrases") as LogQL line filters. */
function wordsAsLineFilters(words: string): string {
  const terms: string[] = [];
  const pattern = /"([^"]*)"?|(\S+)/g;
  for (let match = pattern.exec(words); match; match = pattern.exec(words)) {
    const term = (match[1] ?? match[2]).trim();
    if (term && !terms.includes(term)) terms.push(term);
  }
  return terms.map((term) => ` |= ${quote(term)}`).join("");
}

/**
 * The query with a filter added: a stream label (`service`, `level`, `stream`) compared with `=`
 * or `!=` goes into the selector, anything else becomes a label filter `| name op value` (numbers
 * unquoted for `>`, `>=`, `<`, `<=`). Free text (or nothing) first becomes a LogQL query over
 * every service, its words as line filters (which, unlike free text, are case-sensitive).
 */
export function withFilter(query: string, name: string, op: FilterOp, value: string): string {
  const numeric = op !== "=" && op !== "!=";
  const literal = numeric ? value.trim() : quote(value);
  const intoSelector = (STREAM_LABELS as readonly string[]).includes(name) && !numeric;
  const matcher = `${name}${op}${literal}`;
  const stage = numeric ? `${name} ${op} ${literal}` : matcher;
  if (!isLogQuery(query)) {
    const lineFilters = wordsAsLineFilters(query.trim());
    return intoSelector ? `{${matcher}}${lineFilters}` : `{service=~".+"}${lineFilters} | ${stage}`;
  }
  const trimmed = query.trim();
  if (intoSelector) {
    const end = selectorEnd(trimmed);
    if (end > 0) return `${trimmed.slice(0, end)}, ${matcher}${trimmed.slice(end)}`;
  }
  return `${trimmed} | ${stage}`;
}
