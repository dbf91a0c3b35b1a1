// Alerts: a person with the owner role (signed in by a session, changes carrying its CSRF token)
// creates a rule in the editor, previews it over the last 24 hours, mutes it and sees it firing (a
// transition written to alert_history as the job writes it) and in its history; a viewer (the
// project's query key) reads the rule but is refused muting it, naming the role; the empty states;
// and a bad field named by the API.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { promisify } from "node:util";
import { browserSuite, screenshot } from "./support/browser.mjs";
import { acceptInvitation, createOrganisation } from "./support/people.mjs";
import { pollUntil, queryApi, uniqueWord } from "./support/stack.mjs";

const run = promisify(execFile);
/** A page of the project's owner, signed in with a session (made by the suite's seed). */
let owner;
const suite = browserSuite(async () => {
  const created = await createOrganisation(
    uniqueWord("alerts-org-"),
    [suite.project.projectId],
    `${uniqueWord("owner-")}@example.test`,
  );
  assert.equal(created.status, 201, JSON.stringify(created.body));
  owner = await acceptInvitation(suite.browser, created.body.owner.path, "Olive Owner");
});
const ruleName = uniqueWord("declines-");
let ruleId;

/** The owner's page at `path`. */
async function asOwner(path) {
  await owner.goto(path);
  return owner;
}

/** Runs SQL on the stack's PostgreSQL with psql (the job's table has no API to write it). */
async function postgres(sql) {
  const jdbc = process.env.DEVLOGS_POSTGRES_URL ?? "jdbc:postgresql://127.0.0.1:15432/devlogs";
  const url = new URL(jdbc.replace(/^jdbc:/, ""));
  await run("psql", ["-v", "ON_ERROR_STOP=1", "-h", url.hostname, "-p", url.port, "-d", url.pathname.slice(1), "-c", sql], {
    env: {
      ...process.env,
      PGUSER: process.env.DEVLOGS_POSTGRES_USER ?? "devlogs",
      PGPASSWORD: process.env.DEVLOGS_POSTGRES_PASSWORD ?? "devlogs",
    },
  });
}

test("the alerts page starts empty: nothing firing and no rules", async () => {
  const page = await asOwner("/alerts");
  await page.getByText("Nothing is firing.").waitFor();
  await page.getByText("No rules yet.").waitFor();
});

test("a rule is created, previewed, muted, and seen firing with its history", async () => {
  const page = await asOwner("/alerts/rules/new");
  const form = page.getByRole("form", { name: "Rule" });
  await form.locator('input[name="name"]').fill(ruleName);
  await form.locator('input[name="service"]').fill("pay");
  await form.locator('input[name="text"]').fill("declined");
  // A bad value first: the API names the field and the editor marks it.
  await form.locator('input[name="windowSeconds"]').fill("0");
  await form.getByRole("button", { name: "Preview" }).click();
  await page.getByRole("alert").getByText("definition.window_seconds").waitFor();
  assert.equal(await form.locator('input[name="windowSeconds"]').getAttribute("aria-invalid"), "true");

  await form.locator('input[name="windowSeconds"]').fill("300");
  // Below one matching event in 5 minutes: with no events at all it fires once and stays firing.
  await form.locator('select[name="op"]').selectOption("<");
  await form.locator('input[name="threshold"]').fill("1");
  await form.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("region", { name: "Preview" });
  await preview.getByText("Would have fired 1 time, and would be firing now.").waitFor();
  assert.equal(await preview.locator("tr.episode").count(), 1);
  assert.equal(await preview.locator("rect.firing-span").count(), 1);
  await screenshot(page, "alerts-rule-preview");

  await form.getByRole("button", { name: "Create" }).click();
  await page.waitForURL(/\/alerts\/rules\/[0-9a-f-]{36}$/);
  ruleId = page.url().split("/").pop();
  await page.getByText("version 1 · enabled").waitFor();

  await form.getByRole("button", { name: "Mute" }).click();
  await page.getByText("version 2 · muted").waitFor();
  const stored = await queryApi(suite.project.queryKey, `/v1/alerts/rules/${ruleId}`);
  assert.equal(stored.enabled, false);

  // The job decided a firing: its row in alert_history.
  const key = `${suite.project.projectId}/${ruleId}/fp-browser/1`;
  await postgres(
    `INSERT INTO alert_history (project_id, rule_id, fingerprint, state, value, at, labels, summary, idempotency_key)` +
      ` VALUES ('${suite.project.projectId}', '${ruleId}', 'fp-browser', 'firing', 0, now(), '{"service": "pay"}',` +
      ` '0 declines in 5m', '${key}')`,
  );
  await pollUntil(
    async () => (await queryApi(suite.project.queryKey, "/v1/alerts/firing")).alerts.length === 1,
    { what: "the firing alert to be listed" },
  );
  const list = await asOwner("/alerts");
  const firing = list.getByRole("table", { name: "Firing alerts list" });
  await firing.getByText(ruleName).waitFor();
  assert.equal(await firing.locator("tr.alert-event .alert-state-firing").count(), 1);
  const row = list.locator(`tr.alert-rule[data-rule="${ruleName}"]`);
  assert.equal(await row.locator(".rule-enabled").innerText(), "muted");
  await row.getByRole("button", { name: "Enable" }).click();
  await row.locator(".rule-enabled").getByText("enabled").waitFor();
  await screenshot(list, "alerts-firing");

  const editor = await asOwner(`/alerts/rules/${ruleId}`);
  const history = editor.getByRole("table", { name: "Rule history" });
  await history.getByText("0 declines in 5m").waitFor();
  assert.deepEqual(owner.errors, []);
});

test("a viewer reads the rule but is refused muting it, and stays signed in", async () => {
  assert.ok(ruleId, "the rule test ran first");
  const page = await suite.open(`/alerts/rules/${ruleId}`);
  await page.getByText("version 3 · enabled").waitFor();
  await page.getByRole("form", { name: "Rule" }).getByRole("button", { name: "Mute" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "forbidden" });
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /needs the editor role/);
  await page.getByRole("button", { name: "Sign out" }).waitFor();
  const stored = await queryApi(suite.project.queryKey, `/v1/alerts/rules/${ruleId}`);
  assert.equal(stored.enabled, true);
  await screenshot(page, "alerts-viewer-refused");
});

test("an unknown rule (or another project's) says not found", async () => {
  const page = await suite.open(`/alerts/rules/${randomUUID()}`);
  await page.getByRole("alert").getByText("not_found").waitFor();
});
