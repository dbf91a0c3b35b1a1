// The running devlogs stack as the browser tests see it: URLs, the operator key, a fresh project
// with its own keys per test run, posting events to ingest, and polling with a deadline.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** Settings from DEVLOGS_* (as `bin/devlogs env` exports them), else the launcher's defaults. */
export const settings = {
  queryUrl: process.env.DEVLOGS_QUERY_URL ?? "http://127.0.0.1:18090",
  ingestUrl: process.env.DEVLOGS_INGEST_URL ?? "http://127.0.0.1:18080",
  /** ClickHouse's HTTP interface, from the JDBC URL the services use. */
  clickHouseUrl: (process.env.DEVLOGS_CLICKHOUSE_URL ?? "jdbc:clickhouse://127.0.0.1:18123/devlogs")
    .replace(/^jdbc:clickhouse:/, "http:")
    .replace(/\/[^/]*$/, "/"),
};

/** The operator key: DEVLOGS_OPERATOR_KEY, else the one `bin/devlogs up` wrote to demo.env. */
export function operatorKey() {
  if (process.env.DEVLOGS_OPERATOR_KEY) return process.env.DEVLOGS_OPERATOR_KEY;
  const demoEnv = join(process.env.DEVLOGS_HOME ?? join(REPO_ROOT, ".devlogs"), "demo.env");
  let text;
  try {
    text = readFileSync(demoEnv, "utf8");
  } catch {
    throw new Error(
      `No operator key: set DEVLOGS_OPERATOR_KEY (eval "$(bin/devlogs env)") or start the stack so ${demoEnv} exists`,
    );
  }
  const match = /^DEVLOGS_OPERATOR_KEY=(.+)$/m.exec(text);
  if (!match) throw new Error(`${demoEnv} has no DEVLOGS_OPERATOR_KEY line`);
  return match[1].trim();
}

/** A short random lowercase word, unique enough to find one test's events. */
export function uniqueWord(prefix = "w") {
  return prefix + randomBytes(6).toString("hex");
}

async function call(method, url, key, body, contentType = "application/json") {
  const response = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${key}`, "Content-Type": contentType },
    body,
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // not JSON; the status check below reports the text
  }
  if (!response.ok) {
    throw new Error(`${method} ${url} answered ${response.status}: ${text}`);
  }
  return json;
}

/**
 * Creates a fresh project through the ingest admin API and issues it an ingest and a query key.
 * @returns {{projectId: string, adminKey: string, ingestKey: string, queryKey: string, queryKeyId: string}}
 */
export async function createProject(name = uniqueWord("browser-test-")) {
  const created = await call(
    "POST",
    `${settings.ingestUrl}/v1/admin/projects`,
    operatorKey(),
    JSON.stringify({ name }),
  );
  const adminKey = created.adminKey.key;
  const issue = (scope) =>
    call(
      "POST",
      `${settings.ingestUrl}/v1/admin/keys`,
      adminKey,
      JSON.stringify({ scopes: [scope] }),
    );
  const ingest = await issue("ingest");
  const query = await issue("query");
  return {
    projectId: created.project.id,
    adminKey,
    ingestKey: ingest.key,
    queryKey: query.key,
    queryKeyId: query.id,
  };
}

/** Revokes a key of the admin key's project. */
export async function revokeKey(adminKey, keyId) {
  await call("DELETE", `${settings.ingestUrl}/v1/admin/keys/${keyId}`, adminKey);
}

/** Posts events (objects with ts, level, service, stream, message and attribute keys) as NDJSON. */
export async function postEvents(ingestKey, events) {
  const body = events.map((event) => JSON.stringify(event)).join("\n") + "\n";
  const answer = await call(
    "POST",
    `${settings.ingestUrl}/v1/logs`,
    ingestKey,
    body,
    "application/x-ndjson",
  );
  if (answer?.accepted !== events.length) {
    throw new Error(`ingest accepted ${JSON.stringify(answer)} of ${events.length} events`);
  }
}

/**
 * Inserts rows (objects of column values) into a ClickHouse table as JSONEachRow, as the stack's
 * writer user: for data only the Flink job writes, such as dead letters.
 */
export async function clickHouseInsert(table, rows) {
  const query = encodeURIComponent(`INSERT INTO ${table} FORMAT JSONEachRow`);
  const response = await fetch(`${settings.clickHouseUrl}?query=${query}`, {
    method: "POST",
    body: rows.map((row) => JSON.stringify(row)).join("\n") + "\n",
  });
  if (!response.ok) {
    throw new Error(`ClickHouse insert into ${table} answered ${response.status}: ${await response.text()}`);
  }
}

/** GET on the query API with a key; resolves with the JSON body (throws on an error status). */
export function queryApi(key, path) {
  return call("GET", `${settings.queryUrl}${path}`, key);
}

/**
 * Calls `probe` until it returns a truthy value or the deadline passes, pausing longer each time.
 * @returns the probe's first truthy value
 */
export async function pollUntil(probe, { timeoutMs = 60_000, what = "condition" } = {}) {
  const deadline = Date.now() + timeoutMs;
  let pause = 100;
  let lastError;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}` +
          (lastError ? `; last error: ${lastError.message}` : ""),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 2_000);
  }
}
