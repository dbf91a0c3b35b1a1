// The names the pages use for the query API's types. Every response type comes from the OpenAPI
// document (web/openapi.json, kept equal to the served one by query-service's OpenApiDashboardCopyTest),
// through generated/openapi.ts, which the build writes (`npm run generate:api`); only the request
// filters and the live tail's close codes, which the document has no schema for, are written here.

import type { components, paths } from "./generated/openapi";
import {
  granularityValues,
  levelValues,
  pathsV1MetricsSeriesGetParametersQueryGroupByValues,
} from "./generated/openapi";

type Schemas = components["schemas"];
/** The routes that answer GET (the people routes include some that do not). */
type GetPath = {
  [P in keyof paths]: paths[P] extends { get: { parameters: { query?: unknown } } } ? P : never;
}[keyof paths];
/** The query parameters of a GET route. */
type Query<Path extends GetPath> = NonNullable<paths[Path]["get"]["parameters"]["query"]>;

export type Level = Schemas["Level"];
/** Every level, lowest first. */
export const LEVELS = levelValues;

/** One log event as every endpoint returns it. Timestamps are ISO-8601 UTC, nanoseconds when present. */
export type LogEvent = Schemas["LogEvent"];

/** The contract's single error body (shared by ingest and query). */
export type ErrorBody = Schemas["Error"];

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
  /** Only events of this log pattern (GET /v1/logs; live tail refuses it). */
  pattern?: string;
}

export type LogPage = Schemas["LogPage"];
export type Histogram = Schemas["Histogram"];
export type Facets = Schemas["Facets"];
export type FacetValue = Schemas["FacetCount"];
/** The fields of the newest matches (GET /v1/fields). */
export type Fields = Schemas["Fields"];
export type Field = Schemas["Field"];
/** A LogQL metric query's series (GET /v1/logql/series). */
export type LogqlSeries = Schemas["LogqlSeries"];
export type ExportFormat = NonNullable<Query<"/v1/logs/export">["format"]>;

export type StreamPage = Schemas["StreamPage"];

export type Granularity = Schemas["Granularity"];
export const GRANULARITIES = granularityValues;
export type SeriesGroupBy = NonNullable<Query<"/v1/metrics/series">["groupBy"]>;
export const SERIES_GROUP_BY = pathsV1MetricsSeriesGetParametersQueryGroupByValues;
export type MetricsSeriesResponse = Schemas["MetricsSeries"];
/** One line of a metrics chart: a service's or a level's points. */
export type MetricsSeries = MetricsSeriesResponse["series"][number];
export type MetricsPoint = Schemas["MetricsPoint"];

export type TopBy = NonNullable<Query<"/v1/metrics/top">["by"]>;
export type TopServices = Schemas["TopServices"];

/** GET /v1/patterns: the top log patterns of a range with their sparklines. */
export type PatternsResponse = Schemas["Patterns"];
export type PatternSummary = Schemas["Pattern"];
export type PatternSort = NonNullable<Query<"/v1/patterns">["sort"]>;

/** Live tail (WS /v1/tail) messages from the server. */
export type TailServerMessage = Schemas["TailMessage"];

/** WebSocket close codes of the live tail (io.devlogs.query.tail.TailClose). */
export const TAIL_CLOSE = {
  badFilter: 4400,
  badKey: 4401,
  wrongScope: 4403,
  tooSlow: 4008,
} as const;

/** A record the pipeline could not store (GET /v1/dead-letters). */
export type DeadLetter = Schemas["DeadLetter"];
export type DeadLetterPage = Schemas["DeadLetterPage"];
export type DeadLetterCounts = Schemas["DeadLetterCounts"];

/** The project's data freshness and the pipeline's health (GET /v1/status). */
export type ProjectStatus = Schemas["ProjectStatus"];
export type PipelineVerdict = ProjectStatus["verdict"];

// People (issue 18): sessions, members, invitations, keys and the audit log.
export type Role = Schemas["Role"];
/** Every role, lowest first. */
export const ROLES: Role[] = ["viewer", "editor", "admin", "owner"];
export type PersonSession = Schemas["Session"];
export type ProjectAccess = Schemas["ProjectAccess"];
export type Membership = Schemas["Membership"];
export type Member = Schemas["Member"];
export type Invitation = Schemas["Invitation"];
export type InvitationView = Schemas["InvitationView"];
export type InvitationLink = Schemas["InvitationLink"];
export type ApiKey = Schemas["ApiKey"];
export type IssuedApiKey = Schemas["IssuedApiKey"];
export type AuditEntry = Schemas["AuditEntry"];

/** Alerts (issue 19): rules, what the job decided, silences, receivers, failed notifications. */
export type AlertRule = Schemas["AlertRule"];
export type AlertRuleInput = Schemas["AlertRuleInput"];
export type AlertDefinition = Schemas["AlertDefinition"];
export type AlertRules = Schemas["AlertRules"];
export type AlertEvent = Schemas["AlertEvent"];
export type AlertEvents = Schemas["AlertEvents"];
export type AlertPreview = Schemas["AlertPreview"];
export type Silence = Schemas["Silence"];
export type SilenceInput = Schemas["SilenceInput"];
export type Silences = Schemas["Silences"];
export type Receiver = Schemas["Receiver"];
export type ReceiverInput = Schemas["ReceiverInput"];
export type CreatedReceiver = Schemas["CreatedReceiver"];
export type Receivers = Schemas["Receivers"];
export type ReceiverTest = Schemas["ReceiverTest"];
export type NotificationFailures = Schemas["NotificationFailures"];

/** Recording rules (derived metrics, issue 19) and their metric per minute. */
export type RecordingRule = Schemas["RecordingRule"];
export type RecordingRuleInput = Schemas["RecordingRuleInput"];
export type RecordingRules = Schemas["RecordingRules"];
export type RecordedSeries = Schemas["RecordedSeries"];

// Saved searches, dashboards and sharing (issue 18).
export type TimeWindow = Schemas["TimeWindow"];
export type SavedSearch = Schemas["SavedSearch"];
export type SavedSearchDraft = Schemas["SavedSearchDraft"];
export type PanelKind = Schemas["PanelKind"];
export type Panel = Schemas["Panel"];
export type DashboardDocument = Schemas["DashboardDocument"];
export type Dashboard = Schemas["Dashboard"];
export type DashboardSummary = Schemas["DashboardList"]["dashboards"][number];
export type MemberLink = Schemas["MemberLink"];
export type PublicLink = Schemas["PublicLink"];
export type PublicLinkRequest = Schemas["PublicLinkRequest"];
export type IssuedPublicLink = Schemas["IssuedPublicLink"];
export type PublicLinkAnswer = Schemas["PublicLinkAnswer"];
