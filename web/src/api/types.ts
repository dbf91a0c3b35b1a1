// Types of the query API contract (issue 5): request filters and every response body.

export const LEVELS = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"] as const;
export type Level = (typeof LEVELS)[number];

/** One log event as every endpoint returns it. Timestamps are ISO-8601 UTC, nanoseconds when present. */
export interface LogEvent {
  id: string;
  timestamp: string;
  level: Level;
  service: string;
  stream: string;
  message: string;
  attributes: Record<string, string>;
}

/** The contract's single error body (shared by ingest and query). */
export interface ErrorBody {
  /** A stable snake_case code, e.g. invalid_parameter. */
  error: string;
  /** What went wrong, for people. */
  message: string;
  /** Facts for programs, e.g. {parameter: "to"}. */
  detail?: Record<string, unknown>;
}

/** The common search filters of search, histogram, facets, export and live tail. */
export interface SearchFilters {
  from?: string;
  to?: string;
  q?: string;
  levels?: Level[];
  services?: string[];
  stream?: string;
  /** attr.<key>=<value> equality filters. */
  attributes?: Record<string, string>;
}

export interface LogPage {
  events: LogEvent[];
  nextCursor: string | null;
}

export interface HistogramBucket {
  start: string;
  count: number;
  errors: number;
}

export interface Histogram {
  intervalSeconds: number;
  buckets: HistogramBucket[];
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface Facets {
  levels: FacetValue[];
  services: FacetValue[];
}

export type ExportFormat = "ndjson" | "csv";

export interface StreamPage {
  stream: string;
  events: LogEvent[];
  nextCursor: string | null;
}

export type Granularity = "minute" | "hour" | "day";
export type SeriesGroupBy = "service" | "level";

export interface MetricsPoint {
  start: string;
  events: number;
  errors: number;
  errorRate: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface MetricsSeries {
  key: string;
  points: MetricsPoint[];
}

export interface MetricsSeriesResponse {
  granularity: Granularity;
  series: MetricsSeries[];
}

export type TopBy = "errors" | "events" | "errorRate";

export interface TopService {
  service: string;
  events: number;
  errors: number;
  errorRate: number;
  p95: number | null;
}

export interface TopServices {
  services: TopService[];
}

/** Live tail (WS /v1/tail) messages. */
export type TailClientMessage = { type: "auth"; key: string };

export type TailServerMessage =
  | { type: "ready" }
  | { type: "event"; event: LogEvent }
  | { type: "error"; error: string; detail: string }
  | { type: "dropped"; detail: string };

/** WebSocket close codes of the live tail. */
export const TAIL_CLOSE = {
  badFilter: 4400,
  badKey: 4401,
  wrongScope: 4403,
  tooSlow: 4008,
} as const;

/** A record the pipeline could not store (GET /v1/dead-letters). */
export interface DeadLetter {
  id: string;
  /** When ingest received the record. */
  time: string;
  /** A stable snake_case code: unparseable, out_of_bounds, too_late, refused_by_clickhouse, ... */
  cause: string;
  reason: string;
  /** The original record, at most 2,048 characters. */
  value: string;
  valueBytes: number;
  valueTruncated: boolean;
  format: string | null;
  stream: string | null;
  service: string | null;
  source: { topic: string; partition: number; offset: number };
}

export interface DeadLetterPage {
  deadLetters: DeadLetter[];
  nextCursor: string | null;
}

export interface DeadLetterCounts {
  from: string;
  to: string;
  total: number;
  causes: { cause: string; count: number }[];
}
