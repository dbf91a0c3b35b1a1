// Derived metrics: a recording rule of the project and the minutes the job recorded for it (as the
// job writes them to recorded_minutes: a minute fired again with a higher version replaces the
// first) are charted on the Metrics page, one line per group; picking another rule charts it.

import assert from "node:assert/strict";
import { test } from "node:test";
import { browserSuite, screenshot } from "./support/browser.mjs";
import { clickHouseInsert, settings } from "./support/stack.mjs";

const MINUTE = 60_000;

async function admin(path, key, body) {
  const response = await fetch(`${settings.ingestUrl}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 201, await response.clone().text());
  return response.json();
}

async function createRule(key, name, definition) {
  const response = await fetch(`${settings.queryUrl}/v1/recording/rules`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ name, definition }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()).id;
}

function row(project, rule, minuteMs, group, p99, version) {
  return {
    project,
    rule_id: rule,
    minute: new Date(minuteMs).toISOString().slice(0, 19).replace("T", " "),
    group_key: JSON.stringify(group),
    other: 0,
    events: 3,
    value_count: 3,
    value_sum: 3 * p99,
    value_min: p99,
    value_max: p99,
    value_p50: p99,
    value_p90: p99,
    value_p99: p99,
    value_bucket_ids: [],
    value_bucket_counts: [],
    version,
    sink_batch: "browser-test",
  };
}

const rules = {};
const suite = browserSuite(async () => {
  const editor = await admin("/v1/admin/keys", suite.project.adminKey, { scopes: ["query", "admin"] });
  rules.latency = await createRule(editor.key, "checkout latency", {
    filter: { text: "checkout" },
    aggregation: "p99",
    field: "duration_ms",
    group_by: ["region"],
  });
  rules.declines = await createRule(editor.key, "card declines", { aggregation: "count" });
  const first = Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE;
  const rows = [];
  for (let m = 0; m < 4; m++) {
    rows.push(row(suite.project.projectId, rules.latency, first + m * MINUTE, { region: "eu" }, 100 + m, 1));
    rows.push(row(suite.project.projectId, rules.latency, first + m * MINUTE, { region: "us" }, 40 + m, 1));
  }
  // The first minute of eu fired again after a late event: its newer row replaces the first.
  rows.push(row(suite.project.projectId, rules.latency, first, { region: "eu" }, 900, 2));
  rows.push(row(suite.project.projectId, rules.declines, first, {}, 1, 1));
  await clickHouseInsert("devlogs.recorded_minutes", rows);
});

test("a derived metric is charted per group, and another one can be picked", async () => {
  const page = await suite.open(`/metrics?range=1h&derived=${rules.latency}`);
  const panel = page.getByRole("region", { name: "Derived: checkout latency" });
  await panel.locator("svg path").first().waitFor({ state: "attached" });
  const paths = await panel.locator("svg path").evaluateAll((ps) => ps.map((p) => p.getAttribute("d")));
  assert.ok(paths.filter((d) => d && d.includes("L")).length >= 2, `two lines, got ${JSON.stringify(paths)}`);
  const legend = await panel.locator(".chart-legend").innerText();
  assert.deepEqual(legend.split("\n").sort(), ["region=eu", "region=us"]);
  assert.match(await panel.innerText(), /p99 of duration_ms per minute/);
  await screenshot(page, "metrics-derived");

  await page.getByLabel("Derived metric").selectOption({ label: "card declines" });
  await page.waitForURL((url) => url.searchParams.get("derived") === rules.declines);
  const declines = page.getByRole("region", { name: "Derived: card declines" });
  await declines.getByText("card declines: count per minute").waitFor();
  assert.equal(await declines.locator(".chart-legend").innerText(), "all");
  assert.deepEqual(page.errors, []);
});
