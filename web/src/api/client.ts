// Typed client of the query API: fetch with the bearer key, the contract's error body turned into
// an ApiError, and a 401/403 (key revoked, expired or without the query scope) sending the user
// back to sign-in with the reason.

import { personSession, queryKey, signOut } from "../auth/session";
import { pause } from "./abort";
import { shared } from "./sharedRequests";
import type {
  AlertEvents,
  AlertPreview,
  AlertRule,
  AlertRuleInput,
  AlertRules,
  CreatedReceiver,
  DeadLetterCounts,
  DeadLetterPage,
  ErrorBody,
  ExportFormat,
  Facets,
  Fields,
  Granularity,
  Histogram,
  Level,
  LogEvent,
  LogPage,
  LogqlSeries,
  MetricsSeriesResponse,
  PatternSort,
  PatternsResponse,
  NotificationFailures,
  RecordedSeries,
  RecordingRule,
  RecordingRuleInput,
  RecordingRules,
  ProjectStatus,
  ReceiverInput,
  Receivers,
  ReceiverTest,
  SearchFilters,
  Silence,
  SilenceInput,
  Silences,
  SeriesGroupBy,
  StreamPage,
  TopBy,
  TopServices,
} from "./types";

/**
 * A request the API refused or could not serve; `code` is the contract's snake_case error,
 * `detail` its message and `facts` its machine-readable detail (e.g. a LogQL error's `offset`,
 * or the body `field` a 400 `invalid_body` names).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly facts?: Record<string, unknown>,
  ) {
    super(detail || code);
    this.name = "ApiError";
  }

  /** The body field a 400 `invalid_body` names. */
  get field(): string | undefined {
    const field = this.facts?.field;
    return typeof field === "string" ? field : undefined;
  }
}

type ParamValue = string | number | undefined | null;

/** Query parameters; array values become repeated parameters. */
export type Params = Record<string, ParamValue | ParamValue[]>;

export function toSearchParams(params: Params): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const single of Array.isArray(value) ? value : [value]) {
      if (single !== undefined && single !== null && single !== "") {
        query.append(name, String(single));
      }
    }
  }
  return query;
}

/** The common search filters as query parameters (attr.<key>=<value> for attributes). */
export function filterParams(filters: SearchFilters): Params {
  const params: Params = {
    from: filters.from,
    to: filters.to,
    q: filters.q,
    level: filters.levels,
    service: filters.services,
    stream: filters.stream,
  };
  if (filters.pattern) params.pattern = filters.pattern;
  for (const [key, value] of Object.entries(filters.attributes ?? {})) {
    params[`attr.${key}`] = value;
  }
  return params;
}

export function apiUrl(path: string, params: Params = {}): string {
  const query = toSearchParams(params).toString();
  return query ? `${path}?${query}` : path;
}

/** How a state-changing request is sent: its method and JSON body. */
type Send = { method: string; body?: unknown };

/**
 * A key travels in the header; a person's session in its cookie (same origin), with the session's
 * CSRF token on every change.
 */
function requestHeaders(key: string | null, send?: Send): Record<string, string> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (key) headers.Authorization = `Bearer ${key}`;
  if (send?.body !== undefined) headers["Content-Type"] = "application/json";
  const csrf = personSession()?.csrfToken;
  if (!key && send && send.method !== "GET" && csrf) headers["X-CSRF-Token"] = csrf;
  return headers;
}

/**
 * How often a GET answered 503 with `Retry-After` (the query service refusing work in a busy
 * moment) is asked again before its panel shows the refusal.
 */
const BUSY_RETRIES = 2;

/** The longest `Retry-After` the dashboard waits out by itself. */
const LONGEST_BUSY_WAIT_MS = 5_000;

/**
 * How long to wait before asking again after a busy refusal, or null when the answer is not one.
 * Spread by up to half again, so that clients refused together do not return together.
 */
function busyWaitMs(response: Response): number | null {
  const seconds = Number(response.headers.get("Retry-After") ?? NaN);
  if (response.status !== 503 || !(seconds >= 0) || seconds * 1000 > LONGEST_BUSY_WAIT_MS) {
    return null;
  }
  return seconds * 1000 * (1 + Math.random() / 2);
}

async function request(
  path: string,
  params: Params,
  signal?: AbortSignal,
  send?: Send,
): Promise<Response> {
  const key = queryKey();
  if (!key && !personSession()) {
    signOut();
    throw new ApiError(401, "missing_key", "Sign in with a query key first.");
  }
  const method = send?.method ?? "GET";
  let response: Response;
  for (let attempt = 0; ; attempt++) {
    try {
      response = await fetch(apiUrl(path, params), {
        method,
        headers: requestHeaders(key, send),
        body: send?.body === undefined ? undefined : JSON.stringify(send.body),
        credentials: "same-origin",
        signal,
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === "AbortError") throw e;
      throw new ApiError(0, "network_error", "Cannot reach the query service.");
    }
    const wait = method === "GET" && attempt < BUSY_RETRIES ? busyWaitMs(response) : null;
    if (wait === null) break;
    await pause(wait, signal);
  }
  if (response.ok) return response;
  const body = await errorBody(response);
  const detail = body.detail as { requiredRole?: unknown } | undefined;
  // A role too low for a change (a viewer editing a rule) is reported; the sign-in stays.
  if (response.status === 401 || (response.status === 403 && detail?.requiredRole === undefined)) {
    signOut(`${body.message || "That key was not accepted."} (${body.error})`);
  }
  throw new ApiError(response.status, body.error, body.message, body.detail);
}

/** The contract's error body, or one named after the status when the answer is not the contract's. */
type ErrorAnswer = Omit<ErrorBody, "error"> & { error: ErrorBody["error"] | `http_${number}` };

export async function errorBody(response: Response): Promise<ErrorAnswer> {
  try {
    const body = (await response.json()) as Partial<ErrorBody>;
    return {
      error: body.error ?? `http_${response.status}`,
      message: body.message ?? `HTTP ${response.status}`,
      detail: body.detail,
    };
  } catch {
    return { error: `http_${response.status}`, message: `HTTP ${response.status}` };
  }
}

/** A GET's JSON; callers asking for the same URL at the same time share one request. */
function getJson<T>(path: string, params: Params, signal?: AbortSignal): Promise<T> {
  // The key is part of what is shared: another key's answer is another project's.
  return shared(
    `${queryKey() ?? personSession()?.project?.projectId ?? ""} ${apiUrl(path, params)}`,
    async (sharedSignal) => {
      const response = await request(path, params, sharedSignal);
      return (await response.json()) as T;
    },
    signal,
  );
}

/** A GET of one of the data routes a dashboard panel reads, with the panel's parameters. */
export function getRoute<T>(path: string, params: Params, signal?: AbortSignal): Promise<T> {
  return getJson(path, params, signal);
}

export function searchLogs(
  filters: SearchFilters,
  page: { limit?: number; cursor?: string | null },
  signal?: AbortSignal,
): Promise<LogPage> {
  return getJson(
    "/v1/logs",
    { ...filterParams(filters), limit: page.limit, cursor: page.cursor },
    signal,
  );
}

export function histogram(
  filters: SearchFilters,
  buckets?: number,
  signal?: AbortSignal,
): Promise<Histogram> {
  return getJson("/v1/logs/histogram", { ...filterParams(filters), buckets }, signal);
}

export function facets(filters: SearchFilters, signal?: AbortSignal): Promise<Facets> {
  return getJson("/v1/logs/facets", filterParams(filters), signal);
}

/** The labels and attributes of the newest matches with their top values (GET /v1/fields). */
export function fields(
  filters: SearchFilters,
  values?: number,
  signal?: AbortSignal,
): Promise<Fields> {
  return getJson("/v1/fields", { ...filterParams(filters), values }, signal);
}

/** A LogQL metric query as series (GET /v1/logql/series). */
export function logqlSeries(
  query: { query: string; from?: string; to?: string; step?: string },
  signal?: AbortSignal,
): Promise<LogqlSeries> {
  return getJson("/v1/logql/series", query, signal);
}

/** Downloads an export: fetched with the key (a plain link cannot carry the header), saved as a file. */
export async function downloadExport(
  filters: SearchFilters,
  format: ExportFormat,
  limit?: number,
): Promise<void> {
  const response = await request("/v1/logs/export", { ...filterParams(filters), format, limit });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `devlogs-export.${format}`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function getEvent(id: string, at?: string, signal?: AbortSignal): Promise<LogEvent> {
  return getJson(`/v1/events/${encodeURIComponent(id)}`, { at }, signal);
}

export function readStream(
  name: string,
  range: { from?: string; to?: string },
  page: { limit?: number; cursor?: string | null },
  signal?: AbortSignal,
): Promise<StreamPage> {
  return getJson(
    `/v1/streams/${encodeURIComponent(name)}`,
    { from: range.from, to: range.to, limit: page.limit, cursor: page.cursor },
    signal,
  );
}

export function metricsSeries(
  query: {
    from?: string;
    to?: string;
    granularity?: Granularity;
    groupBy?: SeriesGroupBy;
    services?: string[];
    levels?: string[];
  },
  signal?: AbortSignal,
): Promise<MetricsSeriesResponse> {
  return getJson(
    "/v1/metrics/series",
    {
      from: query.from,
      to: query.to,
      granularity: query.granularity,
      groupBy: query.groupBy,
      service: query.services,
      level: query.levels,
    },
    signal,
  );
}

export function topServices(
  query: { from?: string; to?: string; by?: TopBy; limit?: number },
  signal?: AbortSignal,
): Promise<TopServices> {
  return getJson("/v1/metrics/top", query, signal);
}

/** The project's dead letters, newest first (GET /v1/dead-letters). */
export function deadLetters(
  query: { from: string; to: string; causes?: string[] },
  page: { limit?: number; cursor?: string | null },
  signal?: AbortSignal,
): Promise<DeadLetterPage> {
  return getJson(
    "/v1/dead-letters",
    { from: query.from, to: query.to, cause: query.causes, limit: page.limit, cursor: page.cursor },
    signal,
  );
}

/** The project's dead letters per cause (GET /v1/dead-letters/counts). */
export function deadLetterCounts(
  range: { from: string; to: string },
  signal?: AbortSignal,
): Promise<DeadLetterCounts> {
  return getJson("/v1/dead-letters/counts", { from: range.from, to: range.to }, signal);
}

/** The project's top log patterns of a range (GET /v1/patterns). */
export function patterns(
  query: {
    from: string;
    to: string;
    sort?: PatternSort;
    services?: string[];
    levels?: Level[];
    limit?: number;
  },
  signal?: AbortSignal,
): Promise<PatternsResponse> {
  return getJson(
    "/v1/patterns",
    {
      from: query.from,
      to: query.to,
      sort: query.sort,
      service: query.services,
      level: query.levels,
      limit: query.limit,
    },
    signal,
  );
}

/** Whether the project's data is fresh and the pipeline runs (GET /v1/status). */
export function projectStatus(signal?: AbortSignal): Promise<ProjectStatus> {
  return getJson("/v1/status", {}, signal);
}

/** The live tail's WebSocket URL (same host; auth goes in the first message, not the URL). */
export function tailUrl(filters: SearchFilters): string {
  const { from: _from, to: _to, pattern: _pattern, ...tailFilters } = filters;
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}${apiUrl("/v1/tail", filterParams(tailFilters))}`;
}

/**
 * Checks a key before it is kept: null when it may query, otherwise a message saying why not.
 * Uses the cheapest query (one event of the last minute).
 */
export async function checkKey(key: string): Promise<string | null> {
  const to = new Date();
  const from = new Date(to.getTime() - 60_000);
  let response: Response;
  try {
    response = await fetch(
      apiUrl("/v1/logs", { from: from.toISOString(), to: to.toISOString(), limit: 1 }),
      { headers: { Authorization: `Bearer ${key}`, Accept: "application/json" } },
    );
  } catch {
    return "Cannot reach the query service.";
  }
  if (response.ok) return null;
  const body = await errorBody(response);
  if (response.status === 401) return `That key was not accepted (${body.error}): ${body.message}`;
  if (response.status === 403) return `That key cannot query (${body.error}): ${body.message}`;
  // Any other answer means the key itself was accepted (e.g. a backend is briefly down).
  return null;
}

/** A POST, PUT or DELETE with a JSON body; its JSON answer (undefined for 204). Never shared. */
async function sendJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await request(path, {}, undefined, { method, body });
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
}

const ruleUrl = (id: string) => `/v1/alerts/rules/${encodeURIComponent(id)}`;

export function alertRules(signal?: AbortSignal): Promise<AlertRules> {
  return getJson("/v1/alerts/rules", {}, signal);
}

export function alertRule(id: string, signal?: AbortSignal): Promise<AlertRule> {
  return getJson(ruleUrl(id), {}, signal);
}

export function createAlertRule(rule: AlertRuleInput): Promise<AlertRule> {
  return sendJson("POST", "/v1/alerts/rules", rule);
}

export function updateAlertRule(id: string, rule: AlertRuleInput): Promise<AlertRule> {
  return sendJson("PUT", ruleUrl(id), rule);
}

export function deleteAlertRule(id: string): Promise<void> {
  return sendJson("DELETE", ruleUrl(id));
}

/** Mutes (false) or enables (true) a rule. */
export function setAlertRuleEnabled(id: string, enabled: boolean): Promise<AlertRule> {
  return sendJson("POST", `${ruleUrl(id)}/${enabled ? "enable" : "disable"}`);
}

/** When a rule (saved or not) would have fired over the last 24 hours. */
export function previewAlertRule(rule: AlertRuleInput): Promise<AlertPreview> {
  return sendJson("POST", "/v1/alerts/preview", rule);
}

export function alertRuleHistory(id: string, signal?: AbortSignal): Promise<AlertEvents> {
  return getJson(`${ruleUrl(id)}/history`, {}, signal);
}

export function firingAlerts(signal?: AbortSignal): Promise<AlertEvents> {
  return getJson("/v1/alerts/firing", {}, signal);
}

export function alertSilences(expired: boolean, signal?: AbortSignal): Promise<Silences> {
  return getJson("/v1/alerts/silences", { expired: expired ? "true" : undefined }, signal);
}

export function createSilence(silence: SilenceInput): Promise<Silence> {
  return sendJson("POST", "/v1/alerts/silences", silence);
}

export function expireSilence(id: string): Promise<Silence> {
  return sendJson("POST", `/v1/alerts/silences/${encodeURIComponent(id)}/expire`);
}

export function alertReceivers(signal?: AbortSignal): Promise<Receivers> {
  return getJson("/v1/alerts/receivers", {}, signal);
}

export function createReceiver(receiver: ReceiverInput): Promise<CreatedReceiver> {
  return sendJson("POST", "/v1/alerts/receivers", receiver);
}

export function testReceiver(id: string): Promise<ReceiverTest> {
  return sendJson("POST", `/v1/alerts/receivers/${encodeURIComponent(id)}/test`);
}

export function notificationFailures(signal?: AbortSignal): Promise<NotificationFailures> {
  return getJson("/v1/alerts/failures", {}, signal);
}

export function recordingRules(signal?: AbortSignal): Promise<RecordingRules> {
  return getJson("/v1/recording/rules", {}, signal);
}

const recordingRuleUrl = (id: string) => `/v1/recording/rules/${encodeURIComponent(id)}`;

export function recordingRule(id: string, signal?: AbortSignal): Promise<RecordingRule> {
  return getJson(recordingRuleUrl(id), {}, signal);
}

/** Needs the editor role; a 400 names the field (`definition.field`, ...). */
export function createRecordingRule(rule: RecordingRuleInput): Promise<RecordingRule> {
  return sendJson("POST", "/v1/recording/rules", rule);
}

/** Needs the editor role; bumps the version, so the job records the new definition. */
export function updateRecordingRule(id: string, rule: RecordingRuleInput): Promise<RecordingRule> {
  return sendJson("PUT", recordingRuleUrl(id), rule);
}

/** Needs the editor role; the minutes already recorded stay in ClickHouse, unread. */
export function deleteRecordingRule(id: string): Promise<void> {
  return sendJson("DELETE", recordingRuleUrl(id));
}

/** A recording rule's metric per minute and group over a range. */
export function recordedSeries(
  id: string,
  range: { from: string; to: string },
  signal?: AbortSignal,
): Promise<RecordedSeries> {
  return getJson(
    `/v1/recording/rules/${encodeURIComponent(id)}/series`,
    { from: range.from, to: range.to },
    signal,
  );
}
