// Derived metrics made in the dashboard: an owner (a person, changes carrying the session's CSRF
// token) creates a recording rule on the Derived metrics page (a missing field named at its input
// first), sees its minutes charted (inserted into recorded_minutes as the job writes them, so the
// test does not wait for the job), edits it, and charts it as a dashboard panel that survives an
// export and import; the viewer (the project's query key) is refused an edit; a panel naming
// another project's rule, or a deleted one, says so and shows no minutes.
//
// Runs against DEVLOGS_QUERY_URL (a query service with this branch's routes).

import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { browserSuite, screenshot } from "./support/browser.mjs";
import { acceptInvitation, createOrganisation } from "./support/people.mjs";
import { clickHouseInsert, createProject, queryApi, settings, uniqueWord } from "./support/stack.mjs";

const MINUTE = 60_000;
const ruleName = uniqueWord("checkout-latency-");
/** The owner's signed-in page, made by the suite's seed. */
let owner;
let ruleId;
let dashboardPath;

const suite = browserSuite(async () => {
  const created = await createOrganisation(
    uniqueWord("derived-org-"),
    [suite.project.projectId],
    `${uniqueWord("owner-")}@example.test`,
  );
  assert.equal(created.status, 201, JSON.stringify(created.body));
  owner = await acceptInvitation(suite.browser, created.body.owner.path, "Dora Derived");
});

/** A minute of the rule as the job writes it to recorded_minutes. */
function minuteRow(project, rule, minuteMs, group, value) {
  return {
    project,
    rule_id: rule,
    minute: new Date(minuteMs).toISOString().slice(0, 19).replace("T", " "),
    group_key: JSON.stringify(group),
    other: 0,
    events: 2,
    value_count: 2,
    value_sum: 2 * value,
    value_min: value,
    value_max: value,
    value_p50: value,
    value_p90: value,
    value_p99: value,
    value_bucket_ids: [],
    value_bucket_counts: [],
    version: 1,
    sink_batch: "browser-test-derived-rules",
  };
}

/** Four minutes of two regions, ending five minutes ago. */
async function recordMinutes(project, rule) {
  const first = Math.floor(Date.now() / MINUTE) * MINUTE - 8 * MINUTE;
  const rows = [];
  for (let m = 0; m < 4; m++) {
    rows.push(minuteRow(project, rule, first + m * MINUTE, { region: "eu" }, 200 + m));
    rows.push(minuteRow(project, rule, first + m * MINUTE, { region: "us" }, 50 + m));
  }
  await clickHouseInsert("devlogs.recorded_minutes", rows);
}

async function legendOf(region) {
  await region.locator(".chart-legend").waitFor();
  return (await region.locator(".chart-legend").innerText()).split("\n").sort();
}

test("the Derived metrics page starts empty and the nav leads to it", async () => {
  await owner.goto("/search");
  await owner.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Derived metrics" }).click();
  await owner.getByText("No derived metrics yet.").waitFor();
});

test("an owner creates a derived metric, the API's refusal marked at the field, and sees it charted", async () => {
  await owner.goto("/derived-metrics");
  await owner.getByRole("link", { name: "New derived metric" }).click();
  const form = owner.getByRole("form", { name: "Derived metric" });
  await form.getByLabel("Name").fill(ruleName);
  await form.getByLabel("Text").fill("checkout");
  await form.getByLabel("Aggregation").selectOption("p99");
  await form.getByLabel("Group by").fill("region");
  // No field for a p99: the API names definition.field and the editor marks that input.
  await form.getByRole("button", { name: "Create" }).click();
  const fieldInput = form.locator('input[name="field"]');
  await form.locator(".field.invalid").getByRole("alert").waitFor();
  assert.equal(await fieldInput.getAttribute("aria-invalid"), "true");
  assert.match(await form.locator(".field.invalid").innerText(), /Field[\s\S]*required/i);

  await fieldInput.fill("duration_ms");
  await form.getByRole("button", { name: "Create" }).click();
  await owner.waitForURL(/\/derived-metrics\/[0-9a-f-]{36}$/);
  ruleId = owner.url().split("/").pop();
  await owner.getByText("version 1 · recording").waitFor();
  const stored = await queryApi(suite.project.queryKey, `/v1/recording/rules/${ruleId}`);
  assert.deepEqual(stored.definition.group_by, ["region"]);
  assert.equal(stored.definition.field, "duration_ms");
  assert.equal(stored.definition.filter.text, "checkout");

  await recordMinutes(suite.project.projectId, ruleId);
  await owner.getByRole("link", { name: "Chart on the Metrics page" }).click();
  const panel = owner.getByRole("region", { name: `Derived: ${ruleName}` });
  assert.deepEqual(await legendOf(panel), ["region=eu", "region=us"]);
  const lines = await panel.locator("svg path").evaluateAll((ps) => ps.map((p) => p.getAttribute("d") ?? ""));
  assert.ok(lines.filter((d) => d.includes("L")).length >= 2, `two lines, got ${JSON.stringify(lines)}`);
  assert.match(await panel.innerText(), /p99 of duration_ms per minute/);
  await screenshot(owner, "derived-created-charted");

  // The Metrics page's picker leads back to the rules.
  await owner.getByRole("link", { name: "Manage derived metrics" }).click();
  await owner.locator(`tr.recording-rule[data-rule="${ruleName}"]`).getByText("p99 of duration_ms by region").waitFor();
  assert.deepEqual(owner.errors, []);
});

test("an owner edits the derived metric: a new version", async () => {
  assert.ok(ruleId, "the create test ran first");
  await owner.goto("/derived-metrics");
  await owner.getByRole("link", { name: ruleName }).click();
  const form = owner.getByRole("form", { name: "Derived metric" });
  await owner.getByText("version 1 · recording").waitFor();
  await form.getByLabel("Aggregation").selectOption("p90");
  await form.getByRole("button", { name: "Save" }).click();
  await owner.getByText("version 2 · recording").waitFor();
  const stored = await queryApi(suite.project.queryKey, `/v1/recording/rules/${ruleId}`);
  assert.equal(stored.definition.aggregation, "p90");
  assert.equal(stored.version, 2);
  await owner.goto("/derived-metrics");
  await owner.locator(`tr.recording-rule[data-rule="${ruleName}"]`).getByText("p90 of duration_ms by region").waitFor();
  await screenshot(owner, "derived-list");
});

test("a viewer sees the derived metric but is refused an edit", async () => {
  assert.ok(ruleId, "the create test ran first");
  const page = await suite.open(`/derived-metrics/${ruleId}`);
  const form = page.getByRole("form", { name: "Derived metric" });
  await page.getByText("version 2 · recording").waitFor();
  await form.getByLabel("Name").fill("renamed by a viewer");
  await form.getByRole("button", { name: "Save" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "forbidden" });
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /needs the editor role/);
  await form.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("alert").filter({ hasText: "forbidden" }).waitFor();
  const stored = await queryApi(suite.project.queryKey, `/v1/recording/rules/${ruleId}`);
  assert.equal(stored.name, ruleName);
  assert.equal(stored.version, 2);
  await screenshot(page, "derived-viewer-refused");
});

test("a derived metric is a dashboard panel, honouring the range, and travels in an export", async () => {
  assert.ok(ruleId, "the create test ran first");
  await owner.goto("/dashboards");
  await owner.getByLabel("Dashboard name").fill("Checkout derived");
  await owner.getByRole("button", { name: "Create dashboard" }).click();
  await owner.getByRole("heading", { name: "Checkout derived" }).waitFor();
  dashboardPath = new URL(owner.url()).pathname;

  await owner.getByRole("button", { name: "Edit" }).click();
  await owner.getByLabel("New panel kind").selectOption({ label: "Derived metric" });
  await owner.getByRole("button", { name: "Add panel" }).click();
  await owner.getByLabel("Panel derived metric").selectOption({ label: ruleName });
  assert.equal(await owner.getByLabel("Panel parameters").inputValue(), `rule=${ruleId}`);
  await owner.getByRole("button", { name: "Save dashboard" }).click();
  const panel = owner.locator('[data-panel-kind="derived"]');
  assert.deepEqual(await legendOf(panel), ["region=eu", "region=us"]);
  assert.match(await panel.innerText(), /p90 of duration_ms per minute/);
  await screenshot(owner, "derived-dashboard-panel");

  // A week is more than the series reads: the panel charts its last day and says so.
  await owner.getByLabel("Dashboard range").selectOption("7d");
  await panel.getByText("The last 24 hours of the range").waitFor();
  assert.deepEqual(await legendOf(panel), ["region=eu", "region=us"]);

  // Export (as the Export button asks it) and import: the copy charts the same rule.
  const id = dashboardPath.split("/").pop();
  const exported = await owner.evaluate(async (path) => (await fetch(path)).json(), `/v1/project/dashboards/${id}/export`);
  assert.equal(exported.panels[0].kind, "derived");
  assert.equal(exported.panels[0].params.rule, ruleId);
  await owner.goto("/dashboards");
  await owner.getByText("Import an export").click();
  await owner.getByLabel("Dashboard export (JSON)").fill(JSON.stringify({ ...exported, name: "Imported derived" }));
  await owner.getByRole("button", { name: "Import" }).click();
  await owner.getByRole("heading", { name: "Imported derived" }).waitFor();
  assert.deepEqual(await legendOf(owner.locator('[data-panel-kind="derived"]')), ["region=eu", "region=us"]);
  assert.deepEqual(owner.errors, []);
});

test("a panel naming another project's derived metric shows an error, not its minutes", async () => {
  const other = await createProject();
  const issued = await fetch(`${settings.ingestUrl}/v1/admin/keys`, {
    method: "POST",
    headers: { Authorization: `Bearer ${other.adminKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({ scopes: ["query", "admin"] }),
  });
  assert.equal(issued.status, 201, await issued.clone().text());
  const editorKey = (await issued.json()).key;
  const response = await fetch(`${settings.queryUrl}/v1/recording/rules`, {
    method: "POST",
    headers: { Authorization: `Bearer ${editorKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({ name: "someone else's", definition: { aggregation: "count" } }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  const foreign = (await response.json()).id;
  await recordMinutes(other.projectId, foreign);

  await owner.goto("/dashboards");
  await owner.getByText("Import an export").click();
  const document = {
    format: "devlogs-dashboard",
    version: 1,
    name: "Foreign derived",
    panels: [{ kind: "derived", title: "Foreign", x: 0, y: 0, w: 6, h: 4, params: { rule: foreign } }],
  };
  await owner.getByLabel("Dashboard export (JSON)").fill(JSON.stringify(document));
  await owner.getByRole("button", { name: "Import" }).click();
  await owner.getByRole("heading", { name: "Foreign derived" }).waitFor();
  const panel = owner.locator('[data-panel-kind="derived"]');
  await panel.getByText("The derived metric this panel charts is gone").waitFor();
  assert.equal(await panel.locator("svg path").count(), 0);
  await screenshot(owner, "derived-panel-foreign-rule");
});

test("an owner deletes the derived metric; its dashboard panel then says it is gone", async () => {
  assert.ok(dashboardPath, "the dashboard test ran first");
  await owner.goto(`/derived-metrics/${ruleId}`);
  await owner.getByRole("form", { name: "Derived metric" }).getByRole("button", { name: "Delete" }).click();
  await owner.waitForURL((url) => url.pathname === "/derived-metrics");
  await owner.getByText("No derived metrics yet.").waitFor();

  await owner.goto(dashboardPath);
  const panel = owner.locator('[data-panel-kind="derived"]');
  await panel.getByText("The derived metric this panel charts is gone").waitFor();
  assert.equal(await panel.locator("svg path").count(), 0);

  await owner.goto(`/derived-metrics/${randomUUID()}`);
  await owner.getByText("it was deleted, or it is another project's").waitFor();
  assert.deepEqual(owner.errors, []);
});
